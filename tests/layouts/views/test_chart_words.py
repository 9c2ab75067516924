"""The sentence that names a chart, and the periods an axis labels so that labels never crowd on a phone."""

from layouts.views.chart_words import labelled_periods, trend_summary


def test_period_labels_keep_apart_and_keep_the_ends():
    editions = [2003, 2004, 2005, 2008, 2010, 2012, 2014, 2016, 2018, 2020, 2022, 2024]
    assert labelled_periods(editions) == [2003, 2010, 2016, 2024]  # 2022 would crowd 2024
    assert labelled_periods(list(range(2000, 2024))) == [2000, 2006, 2012, 2018, 2023]
    assert labelled_periods([2019, 2020, 2021, 2022]) == [2019, 2020, 2021, 2022]  # few: all of them
    assert labelled_periods([]) == []


def test_a_trend_is_named_by_its_ends():
    points = [(2003, 0.26369), (2024, 0.57536)]
    assert trend_summary("EGDI", "Cambodia", points, "en") == "EGDI of Cambodia, 2003–2024: from 0.2637 to 0.5754."
    assert trend_summary("EGDI", "កម្ពុជា", points, "km") == "EGDI របស់កម្ពុជា ឆ្នាំ ២០០៣–២០២៤៖ ពី ០.២៦៣៧ ដល់ ០.៥៧៥៤។"
    assert trend_summary("EGDI", "Cambodia", [], "en") == "EGDI of Cambodia: no values to draw."
