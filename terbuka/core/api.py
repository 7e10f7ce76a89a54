from ninja import Router, Schema

from terbuka.core import selectors

router = Router(tags=["pemda"])


class PemdaOut(Schema):
    slug: str
    name: str
    kind: str
    region_code: str


@router.get("/pemda", response=list[PemdaOut], auth=None)
def pemda_list(request):
    return [
        PemdaOut(slug=p.slug, name=p.name, kind=p.kind, region_code=p.region_id)
        for p in selectors.pemda_list()
    ]
