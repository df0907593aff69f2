"""Training and evaluation of the demo encoder, kept out of the runtime packages.

``python -m training.train_demo`` trains the image tower into
``assets/demo_encoder/``; ``python -m training.demo_eval`` prints its held-out
figures; ``training.train_words`` holds the extra training synonyms. Nothing
under app/, agents/ or retrieval/ imports this package (``tests/test_imports.py``).
"""
