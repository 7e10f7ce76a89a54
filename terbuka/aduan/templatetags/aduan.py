from django import template

from terbuka.aduan.redact import redact

register = template.Library()


@register.filter
def aduan_redact(value: str) -> str:
    """Public text with NIK, phone numbers and e-mail addresses replaced."""
    return redact(str(value or ""))
