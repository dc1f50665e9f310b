"""The texts: loading, checking and caching a language's content files, and rendering their
Markdown.
"""
