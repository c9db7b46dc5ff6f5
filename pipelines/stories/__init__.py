"""Step 5, stories: one record per story. Exact copies dropped and stored articles' new versions
recorded (dedup.py, versions.py); each article placed in a story through the story index
(story_index.py): near-duplicates by MinHash/LSH (minhash.py), translations and rewrites by keys
that survive translation (story_link.py). The index is kept on disk by the warehouse
(warehouse/story_store.py); nothing here reads or writes files."""
