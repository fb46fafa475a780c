"""General knowledge both the loaders and the queries read: the gazetteer of states, bodies and
titles (``gazetteer``) and the word lists of the extraction rules (``lexicon``), all as data."""
