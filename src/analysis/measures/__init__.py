"""The measures: Japanese business days, durations between milestones, compensation figures. Pure
functions of the data's frames; import nothing from the report or the build."""
