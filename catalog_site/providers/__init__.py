"""Details of films and books from outside services, the way the old site filled them in.

base (the plumbing written once: one HTTP client with time-outs and a size limit, retries
with backoff that honour Retry-After, a rate limit, and errors a person can read) and one
module per provider: tmdb (film search and details, where to watch), omdb (the Rotten
Tomatoes score), google_books and open_library (book search and details). A provider
answers in the models' vocabulary (`image_url`, `release_year`, `pages`...) and never
touches the database: the caller decides what to write, in one transaction.
"""
