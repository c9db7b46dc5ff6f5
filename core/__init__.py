"""The bottom of the flow: what every layer shares (the two failures the CLI turns into exit
codes, the region's dates, NGO report index numbers). It imports nothing of the project, so
scrapers/, pipelines/ and warehouse/ can all use it without depending on each other."""
