//! Layouts the seeds do not show, each in a short invented plan with a hand-made
//! annotation (tests/fixtures/layouts/README.md says which layout each exercises).

mod common;

macro_rules! layout {
    ($($test:ident => $stem:literal),* $(,)?) => {$(
        #[test]
        fn $test() {
            let dir = common::workspace().join("tests/fixtures/layouts");
            let diffs = common::check_pair(&dir.join(concat!($stem, ".txt")), &dir.join(concat!($stem, ".json")));
            assert!(diffs.is_empty(), "{}", diffs.join("\n"));
        }
    )*};
}

layout! {
    city_plan_full_width_parentheses => "01_lishui_city_fullwidth",
    state_council_division_with_time_clauses => "02_state_council_division",
    district_labelled_lines => "03_district_labelled_lines",
    labelled_fields_in_one_parenthesis => "04_city_labels_in_parens",
    first_listed_convention_carries_forward => "05_province_first_listed_convention",
    convention_stated_in_the_preamble => "06_county_preamble_convention",
    lead_or_summary_convention_and_members => "07_city_lead_or_summary_convention",
    traditional_full_width => "08_traditional_fullwidth",
    table_one_cell_per_line => "09_table_cell_per_line",
    table_tab_separated => "10_table_tab_columns",
    table_space_separated => "11_table_space_columns",
    supervisor_clauses => "12_city_supervisor_clauses",
    heading_lines_with_labelled_line => "13_county_city_heading_labelled_line",
}
