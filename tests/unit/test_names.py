"""Datasets, versions and users as people say them, in English and Khmer."""

from indicators.store.names import dataset_name, day_name, user_name, version_name


def test_datasets_are_named_by_what_they_hold():
    assert dataset_name("published:2024", "en") == "UN E-Government Survey 2024"
    assert dataset_name("published:2022+2024", "en") == "UN E-Government Survey 2022 and 2024"
    assert dataset_name("published:2024", "km") == "ការស្ទង់មតិរដ្ឋាភិបាលអេឡិចត្រូនិករបស់អង្គការសហប្រជាជាតិ ២០២៤"
    assert (
        dataset_name("bundled:undesa-cambodia-asean", "en")
        == "UN E-Government Survey results for Cambodia and ASEAN, bundled with this tool"
    )
    assert dataset_name("scenario:OSI push", "en") == "Scenario “OSI push”"
    assert dataset_name("long:components", "en") == "Indicator table “components”"
    assert dataset_name("targets", "km") == "គោលដៅនៃគោលនយោបាយរដ្ឋាភិបាលឌីជីថល"
    assert all(":" not in dataset_name(code, "en").split("“")[0] for code in ("published:2003", "bundled:cambodia-indicators", "odd:x"))


def test_versions_say_who_and_when():
    assert user_name("cli", "en") == "the command line" and user_name("Sokha", "km") == "Sokha"
    assert day_name("2026-03-12T09:30:00Z", "en") == "12 March 2026" and day_name("2026-03-12T09:30:00Z", "km") == "១២ មីនា ២០២៦"
    assert (
        version_name("published:2024", "Sokha", "2026-03-12T09:30:00Z", "en")
        == "UN E-Government Survey 2024, imported by Sokha on 12 March 2026"
    )
