"""The lead's view of the copies of one story among the articles: finding them, the
clusters with their copies, which is kept, and excluding or including copies."""
