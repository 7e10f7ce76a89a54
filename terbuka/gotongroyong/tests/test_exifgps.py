"""Reading a photo's GPS position and time from EXIF with Pillow."""

import datetime
from decimal import Decimal

import pytest

from terbuka.gotongroyong import exifgps


def test_location_and_time_from_a_phone_photo():
    data = exifgps.jpeg_with_gps(-8.7431, 116.8552, taken_at=datetime.datetime(2025, 3, 1, 9, 30))
    facts = exifgps.read(data)
    assert facts.latitude == Decimal("-8.743100")  # south of the equator: negative
    assert facts.longitude == Decimal("116.855200")
    assert facts.taken_at == datetime.datetime(2025, 3, 1, 9, 30)
    assert facts.has_location


def test_photo_without_gps_has_no_location():
    facts = exifgps.read(exifgps.jpeg_with_gps(None, None))
    assert not facts.has_location and facts.latitude is None


def test_not_an_image_is_refused():
    with pytest.raises(exifgps.NotAnImage):
        exifgps.read(b"%PDF-1.4 not a photo")


def test_published_copy_carries_no_metadata():
    data = exifgps.jpeg_with_gps(-8.7, 116.8, size=(3000, 2000))
    clean = exifgps.without_metadata(data)
    facts = exifgps.read(clean)
    assert not facts.has_location
    assert max(facts.width, facts.height) == 1600
