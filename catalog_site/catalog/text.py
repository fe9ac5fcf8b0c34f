"""Text helpers for search, sorting and display. None of them changes stored data.

The legacy data writes titles inverted ('Deer Hunter, The'), authors as 'Last, First', and
genres in any order and spelling. The model keeps what the owner wrote and stores derived,
folded keys beside it, so search and filters behave the same on SQLite and PostgreSQL
(neither engine folds accents in `icontains`).
"""

import re
import unicodedata
from urllib.parse import urlsplit

# 'Deer Hunter,The', 'Avengers, The: Age of Ultron', 'Long Bright  Future, A'
_INVERTED = re.compile(r"^(?P<rest>.+?),\s*(?P<article>the|a|an)(?P<tail>\s*[:(\-].*)?$", re.I)
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)
_AUTHOR_SEPARATORS = re.compile(r"\s*(?:;|&|\band\b)\s*", re.I)
# An IMDb title id, 'tt0068646': the model validates it, imports and OMDb look-ups check it.
IMDB_ID = re.compile(r"tt\d{7,10}")


def squash(text):
    """Collapse runs of white space and trim: 'Long Bright  Future ' -> 'Long Bright Future'."""
    return " ".join((text or "").split())


def fold(text):
    """Lower-case, accent-free, single-spaced text for matching: 'Amélie ' -> 'amelie'."""
    if text is None or text.isascii():
        return squash((text or "").lower())
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return squash(stripped.casefold())


def display_title(title):
    """Put a trailing article back in front: 'Deer Hunter,The' -> 'The Deer Hunter'."""
    title = squash(title)
    match = _INVERTED.match(title)
    if not match:
        return title
    article = match["article"].capitalize()
    return f"{article} {match['rest'].rstrip()}{match['tail'] or ''}"


def sort_title(title):
    """Folded title without its article, for sorting: 'The Deer Hunter' -> 'deer hunter'."""
    return _LEADING_ARTICLE.sub("", fold(display_title(title)))


def duplicate_key(title, *details):
    """What two rows of one film or book have in common, as one folded string.

    The title without case, accents, spacing or article, then the details that tell two works
    of that title apart (a film's release year, a book's authors): 'Godfather, The' of 1972
    -> 'godfather|1972'. Empty for an empty title, which matches nothing.
    """
    title = sort_title(title)
    if not title:
        return ""
    return "|".join([title, *(fold("" if detail is None else str(detail)) for detail in details)])


def person_display(name):
    """'Wolfe, Tom' -> 'Tom Wolfe'; several authors are turned one by one."""
    people = []
    for person in _AUTHOR_SEPARATORS.split(squash(name)):
        if person.count(",") == 1:
            last, first = (part.strip() for part in person.split(","))
            person = f"{first} {last}".strip()
        if person:
            people.append(person)
    return " & ".join(people) if len(people) > 1 else "".join(people)


def split_people(name):
    """Each person of 'Christensen, Clayton & Raynor, Michael', as 'First Last'."""
    return [person for person in person_display(name).split(" & ") if person]


def search_key(*texts):
    """One folded string holding every text given, to match a search term against."""
    return " | ".join(fold(text) for text in texts if text)


GENRE_ALIASES = {
    "sci fi": "science fiction",
    "sci-fi": "science fiction",
    "scifi": "science fiction",
    "sf": "science fiction",
    "tv": "tv movie",
    "musical": "music",
    "doc": "documentary",
    "docu": "documentary",
    "bio": "biography",
    "biopic": "biography",
    "rom com": "romantic comedy",
    "rom-com": "romantic comedy",
}


def genre_key(token):
    """The canonical key of one genre token: 'Sci Fi' and 'sci-fi' are both 'science-fiction'."""
    folded = fold(token)
    folded = GENRE_ALIASES.get(folded, folded)
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def split_genres(genres):
    """The genre tokens of 'Drama, Crime' as written, without blanks."""
    return [squash(token) for token in re.split(r"[,/|;]", genres or "") if squash(token)]


def genre_index(genres):
    """A delimited, sorted key string: 'Drama, Sci Fi' -> '|drama|science-fiction|'.

    Filtering with `genre_index__contains='|drama|'` matches whole genres only, on both engines.
    """
    keys = sorted({genre_key(token) for token in split_genres(genres)} - {""})
    return f"|{'|'.join(keys)}|" if keys else ""


def genre_label(key):
    """A readable name for a genre key: 'science-fiction' -> 'Science Fiction'; TMDB's TV
    genres that join two ('Sci-Fi & Fantasy') as TMDB writes them."""
    return GENRE_LABELS.get(key, key.replace("-", " ").title())


GENRE_LABELS = {
    "tv-movie": "TV Movie",
    "sci-fi-fantasy": "Sci-Fi & Fantasy",
    "action-adventure": "Action & Adventure",
    "war-politics": "War & Politics",
}


SEARCH_WORDS = 12


def search_words(term):
    """The distinct folded words of a search term, the first SEARCH_WORDS of them; a word
    that another word holds adds nothing (`god` within `godfather`) and is left out."""
    words = list(dict.fromkeys(fold(term).split()))[:SEARCH_WORDS]
    return [word for word in words if not any(word != other and word in other for other in words)]


def web_url(url):
    """The URL if it is http(s), else ''. The admin and the API validate links, but a legacy
    import or a sync copies what the other database held: no `javascript:` link gets through."""
    url = (url or "").strip()
    return url if urlsplit(url).scheme.lower() in {"http", "https"} else ""


def image_url(url):
    """A poster or cover over https: the Content-Security-Policy allows images from https
    only, and on an https page a browser upgrades or blocks an http image anyway. Every
    source we know (TMDB, Google Books, Open Library, Amazon) serves both."""
    url = web_url(url)
    if url[:7].lower() == "http://":
        url = "https://" + url[7:]
    return url
