-- An analyst's connection: no file, network or extension access except the one output file
-- the caller allows; settings locked so a query cannot lift them.
SET allowed_paths = $paths;
