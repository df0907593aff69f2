"""Vector indexes: one protocol, FAISS embedded by default, Milvus for scale-out.

``open_index("faiss:hnsw", folder, dim, encoder)`` picks the implementation by
the spec's scheme from a plain registry; see ``base.py``.
"""

from .base import IndexManifest, VectorIndex, list_index_schemes, open_index, register_index

__all__ = ["IndexManifest", "VectorIndex", "list_index_schemes", "open_index", "register_index"]
