"""The data: the curated files read into typed frames, every cell, row and file checked, each researched
figure read as its page prints it. Imports nothing from the measures, the report or the build."""
