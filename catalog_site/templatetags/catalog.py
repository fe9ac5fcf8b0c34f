"""Display helpers for the public pages. They format; they never change what is stored."""

from django import template

from catalog_site.catalog.text import image_url, split_genres, web_url

register = template.Library()


@register.filter
def runtime(minutes):
    """175 -> '2 h 55 min'; 55 -> '55 min'."""
    if not minutes:
        return ""
    hours, rest = divmod(int(minutes), 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"


@register.filter
def genres(text):
    """'Drama, Sci Fi' -> ['Drama', 'Sci Fi'], as the owner wrote them."""
    return split_genres(text)


@register.filter
def initials(title):
    """Up to two capital letters standing in for a missing poster: 'The Deer Hunter' -> 'DH'."""
    words = [word for word in title.split() if word[:1].isalnum()]
    if len(words) > 1 and words[0].lower() in {"the", "a", "an"}:
        words = words[1:]
    return "".join(word[0] for word in words[:2]).upper()


HUES = 24


@register.filter
def hue(title):
    """One of HUES colours (0 to HUES - 1; site.css gives each a class `hue-N`) that stays the
    same for a title, so placeholders side by side differ. A class, not a style attribute:
    the Content-Security-Policy allows no inline style."""
    return sum(ord(char) * (position + 1) for position, char in enumerate(title)) % HUES


register.filter("web_url", web_url)
register.filter("image_url", image_url)


@register.filter
def first_image(entries):
    """The first poster or cover of these entries that a page may show (see image_url), for
    the card of a shared list; "" when none has one."""
    return next((url for entry in entries if (url := image_url(entry.image_url))), "")
