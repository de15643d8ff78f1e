// Full-text search over the reports of the page's language, with Pagefind's index (no server
// code: the index is static files under pagefind/). Every word shown comes from the page's
// data- attributes (the catalogue). A page opened from a file cannot load the index: it says so
// (a classic script, not a module, so that it runs from a file too).
const box = document.getElementById("search");
const status = box.querySelector(".search-status");
const list = box.querySelector(".search-results");
const input = box.querySelector("input[type=search]");
const root = new URL(box.dataset.root, location.href);

function say(text) {
  status.textContent = text;
}

function show(results) {
  list.replaceChildren();
  say(results.length ? box.dataset.found.replace("{n}", results.length) : box.dataset.none);
  for (const result of results) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    // Pagefind gives each address from the server's top, with the site's own path in front (it
    // takes it from where its bundle was loaded): right at a server's root and under a sub-path.
    link.href = new URL(result.url, location.href).href;
    link.textContent = result.meta.title;
    const excerpt = document.createElement("p");
    excerpt.className = "excerpt";
    excerpt.innerHTML = result.excerpt; // Pagefind's excerpt: the report's text, escaped, with <mark>
    item.append(link, excerpt);
    list.append(item);
  }
}

async function start() {
  if (location.protocol === "file:") {
    say(box.dataset.file);
    return;
  }
  let pagefind;
  try {
    pagefind = await import(new URL("pagefind/pagefind.js", root).href);
    await pagefind.options({ excerptLength: 16 }); // a few lines around the words found, not a page
    await pagefind.init();
  } catch (error) {
    say(box.dataset.failed);
    return;
  }
  window.siteSearch = pagefind;
  async function run(query) {
    if (!query.trim()) {
      list.replaceChildren();
      say("");
      return;
    }
    const search = await pagefind.search(query);
    show(await Promise.all(search.results.map((r) => r.data())));
  }
  box.querySelector("form").addEventListener("submit", (event) => {
    event.preventDefault();
    const url = new URL(location.href);
    url.searchParams.set("q", input.value);
    history.replaceState(null, "", url);
    run(input.value);
  });
  const query = new URLSearchParams(location.search).get("q");
  if (query) {
    input.value = query;
    await run(query);
  }
  box.dataset.ready = "true";
}

start();
