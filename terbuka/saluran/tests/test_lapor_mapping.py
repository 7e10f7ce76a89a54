"""SP4N-LAPOR! records: mapping, validation, JSON/CSV round trip."""

import pytest

from terbuka.saluran import lapor


def _record(**over):
    data = {"lapor_id": "9123456", "judul": "Jalan rusak", "isi": "Jalan berlubang di Taliwang",
            "klasifikasi": "pengaduan", "tanggal": "2026-11-20T09:00:00+08:00",
            "status": "terverifikasi", "anonim": "tidak", "rahasia": "ya"}
    data.update(over)
    return data


def test_every_terbuka_status_and_kind_has_a_lapor_value():
    from terbuka.aduan.models import Kind, Status

    assert set(lapor.STATUS_TO_LAPOR) == set(Status.values)
    assert set(lapor.KLASIFIKASI) == set(Kind.values)
    assert set(lapor.STATUS_TO_LAPOR.values()) <= set(lapor.STATUS_FROM_LAPOR)
    assert set(lapor.KLASIFIKASI.values()) <= set(lapor.KIND_FROM_KLASIFIKASI)


def test_record_accepts_our_names_and_the_wire_names():
    ours = lapor.record_from(_record())
    wire = lapor.record_from(lapor.to_wire(ours))
    assert ours == wire and ours.rahasia is True and ours.anonim is False


@pytest.mark.parametrize(("over", "field"), [
    ({"isi": ""}, "isi"), ({"klasifikasi": "keluhan"}, "klasifikasi"),
    ({"status": "hilang"}, "status"), ({"tanggal": "20/11/2026"}, "tanggal"),
    ({"lapor_id": ""}, "lapor_id"), ({"anonim": "mungkin"}, "anonim"),
    ({"warna": "merah"}, "fields"),
])
def test_bad_records_name_the_field(over, field):
    with pytest.raises(lapor.RecordError) as exc:
        lapor.record_from(_record(**over))
    assert field in exc.value.problems


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_batches_round_trip(fmt):
    records = [lapor.record_from(_record()),
               lapor.record_from(_record(lapor_id="", nomor_terbuka="KSB-2611-ABCD",
                                         isi="Baris, dengan koma\ndan baris baru"))]
    text = lapor.dump_json(records) if fmt == "json" else lapor.dump_csv(records)
    loaded = lapor.load(text, fmt)
    assert [r for _, r in loaded] == records


def test_a_bad_row_does_not_hide_the_good_ones():
    text = lapor.dump_csv([lapor.record_from(_record())]) + "x,,,,,,,,,,,,,\n"
    (first, second) = lapor.load(text, "csv")
    assert isinstance(first[1], lapor.Record)
    assert second[0] == 3 and isinstance(second[1], lapor.RecordError)


@pytest.mark.parametrize(("text", "fmt"), [("{", "json"), ("{\"a\": 1}", "json"),
                                           ("", "csv"), ("x", "xlsx")])
def test_unreadable_batches_raise(text, fmt):
    with pytest.raises(lapor.RecordError):
        lapor.load(text, fmt)
