"""The reusable pieces a page is built from, each bound to stored fields."""
