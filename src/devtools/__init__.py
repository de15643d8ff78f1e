"""Development tools: review artifacts, notebook hygiene, the benchmark. The report never imports them."""
