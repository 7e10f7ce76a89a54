from decimal import Decimal, InvalidOperation

from django import template

register = template.Library()


@register.filter
def rupiah(value) -> str:
    """Rp 1.234.567: Indonesian thousands separator, whatever the page's language."""
    try:
        number = int(Decimal(str(value)))
    except (InvalidOperation, ValueError, TypeError):
        return ""
    sign = "-" if number < 0 else ""
    return f"Rp {sign}{abs(number):,}".replace(",", ".")


@register.filter
def pct(value) -> str:
    try:
        return f"{Decimal(str(value)):.1f}".replace(".", ",") + " %"
    except (InvalidOperation, ValueError, TypeError):
        return ""
