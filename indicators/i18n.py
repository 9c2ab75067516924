"""Messages a user sees from the core, in English and Khmer.

Every problem the core reports has a code; its text lives here once per language and is filled in with
`str.format` parameters. The Dash layouts keep their own strings in `layouts/i18n.py`.
"""

from __future__ import annotations

LANGUAGES = ("en", "km")

MESSAGES: dict[str, dict[str, str]] = {
    "unknown_entity": {
        "en": "Unknown {kind} '{value}'. Did you mean: {suggestions}?",
        "km": "មិនស្គាល់{kind_km} '{value}'។ តើអ្នកចង់សំដៅលើ៖ {suggestions}?",
    },
    "unknown_entity_no_suggestion": {
        "en": "Unknown {kind} '{value}'; no similar name is known.",
        "km": "មិនស្គាល់{kind_km} '{value}'។ គ្មានឈ្មោះស្រដៀងគ្នាទេ។",
    },
    "unknown_indicator": {
        "en": "Unknown indicator code '{value}'. Known codes: {known}.",
        "km": "មិនស្គាល់កូដសូចនាករ '{value}'។ កូដដែលស្គាល់៖ {known}។",
    },
    "not_a_number": {
        "en": "'{value}' is not a number.",
        "km": "'{value}' មិនមែនជាលេខទេ។",
    },
    "missing_value": {
        "en": "The value is empty.",
        "km": "តម្លៃនេះទទេ។",
    },
    "out_of_range": {
        "en": "{value} is outside the valid range {min}–{max} of {indicator}.",
        "km": "{value} នៅក្រៅចន្លោះត្រឹមត្រូវ {min}–{max} នៃ {indicator}។",
    },
    "whatif_subindex_unreachable": {
        "en": "{indicator} = {value} cannot be reached: a sub-index is min-max normalised over the field, "
        "from 0 (the lowest country) to 1 (the highest).",
        "km": "{indicator} = {value} មិនអាចសម្រេចបានទេ៖ អនុសន្ទស្សន៍ត្រូវបានធ្វើបទដ្ឋានកម្ម min-max លើប្រទេសទាំងអស់ "
        "ពី ០ (ប្រទេសទាបបំផុត) ដល់ ១ (ប្រទេសខ្ពស់បំផុត)។",
    },
    "nowcast_too_early": {
        "en": "No nowcast of {edition}: the first edition with a method file is {first}.",
        "km": "គ្មានការព្យាករណ៍សម្រាប់ {edition} ទេ៖ ការបោះពុម្ពដំបូងដែលមានឯកសារវិធីសាស្ត្រគឺ {first}។",
    },
    "nowcast_no_survey": {
        "en": "No nowcast of {edition} with data until {until}: no earlier Survey is stored to carry the OSI and EPI from.",
        "km": "គ្មានការព្យាករណ៍សម្រាប់ {edition} ជាមួយទិន្នន័យរហូតដល់ {until} ទេ៖ គ្មានការស្ទង់មតិមុនៗត្រូវបានរក្សាទុក ដើម្បីយក OSI និង EPI ពីវាទេ។",
    },
    "nowcast_line": {
        "en": "Next Survey ({edition}) nowcast: EGDI {egdi} ({egdi_low}–{egdi_high}), rank {rank} ({rank_low}–{rank_high})",
        "km": "ការព្យាករណ៍ការស្ទង់មតិបន្ទាប់ ({edition})៖ EGDI {egdi} ({egdi_low}–{egdi_high}) ចំណាត់ថ្នាក់ {rank} ({rank_low}–{rank_high})",
    },
    "nowcast_row": {
        "en": "{country}, {edition}: EGDI {egdi} ({egdi_low}–{egdi_high}), rank {rank} ({rank_low}–{rank_high}), {group}, "
        "ASEAN rank {asean}; {how}",
        "km": "{country} ឆ្នាំ {edition}៖ EGDI {egdi} ({egdi_low}–{egdi_high}) ចំណាត់ថ្នាក់ {rank} ({rank_low}–{rank_high}) {group} "
        "ចំណាត់ថ្នាក់អាស៊ាន {asean}; {how}",
    },
    "nowcast_needs_world": {
        "en": "No nowcast of {edition}: the {last} Survey is stored for {count} countries; a nowcast needs all of them "
        "(at least {needed}). Import the UN DESA file of {last}.",
        "km": "គ្មានការព្យាករណ៍សម្រាប់ {edition} ទេ៖ ការស្ទង់មតិឆ្នាំ {last} មានទិន្នន័យសម្រាប់តែប្រទេស {count}; ការព្យាករណ៍ត្រូវការទាំងអស់ "
        "(យ៉ាងហោចណាស់ {needed})។ សូមនាំចូលឯកសារ UN DESA ឆ្នាំ {last}។",
    },
    "nowcast_needs_components": {
        "en": "No nowcast of {edition}: the stored component data gives a TII and an HCI for only {count} countries. "
        "Import the ITU, World Bank and UNDP files of every country.",
        "km": "គ្មានការព្យាករណ៍សម្រាប់ {edition} ទេ៖ ទិន្នន័យសមាសភាគដែលបានរក្សាទុកផ្តល់ TII និង HCI សម្រាប់តែប្រទេស {count}។ "
        "សូមនាំចូលឯកសារ ITU ធនាគារពិភពលោក និង UNDP នៃប្រទេសទាំងអស់។",
    },
    "nowcast_line_point": {
        "en": "Next Survey ({edition}) nowcast: EGDI {egdi}, rank {rank} (no interval: no earlier Survey to size one)",
        "km": "ការព្យាករណ៍ការស្ទង់មតិបន្ទាប់ ({edition})៖ EGDI {egdi} ចំណាត់ថ្នាក់ {rank} (គ្មានចន្លោះ៖ គ្មានការស្ទង់មតិមុនដើម្បីកំណត់ទំហំ)",
    },
    "nowcast_how_computed": {
        "en": "{codes} computed from the component data the {edition} method reads",
        "km": "{codes} ត្រូវបានគណនាពីទិន្នន័យសមាសភាគដែលវិធីសាស្ត្រ {edition} អាន",
    },
    "nowcast_how_carried": {
        "en": "{codes} carried from the {source} Survey",
        "km": "{codes} យកតាមការស្ទង់មតិឆ្នាំ {source}",
    },
    "nowcast_method_own": {
        "en": "Method: the {edition} file ({method}).",
        "km": "វិធីសាស្ត្រ៖ ឯកសារឆ្នាំ {edition} ({method})។",
    },
    "nowcast_method_moved": {
        "en": "Method: no file for {edition} yet; the {base} method is used, its data years moved to {edition} ({method}).",
        "km": "វិធីសាស្ត្រ៖ មិនទាន់មានឯកសារសម្រាប់ {edition} ទេ; ប្រើវិធីសាស្ត្រ {base} ដោយរំកិលឆ្នាំទិន្នន័យទៅ {edition} ({method})។",
    },
    "nowcast_data_now": {
        "en": "Data: every release stored now; each country's latest value up to the data year.",
        "km": "ទិន្នន័យ៖ ការចេញផ្សាយទាំងអស់ដែលបានរក្សាទុកឥឡូវនេះ; តម្លៃចុងក្រោយរបស់ប្រទេសនីមួយៗរហូតដល់ឆ្នាំទិន្នន័យ។",
    },
    "nowcast_data_until": {
        "en": "Data: only what was published by the end of {until} (a value of year t counts from t + the publisher's lag).",
        "km": "ទិន្នន័យ៖ តែអ្វីដែលបានផ្សព្វផ្សាយត្រឹមចុងឆ្នាំ {until} (តម្លៃនៃឆ្នាំ t រាប់ចាប់ពី t + រយៈពេលយឺតរបស់អ្នកផ្សព្វផ្សាយ)។",
    },
    "nowcast_intervals": {
        "en": "Intervals: {coverage} % of the published values fell inside intervals of this size in the replays of {editions}.",
        "km": "ចន្លោះ៖ {coverage} % នៃតម្លៃដែលបានផ្សព្វផ្សាយស្ថិតក្នុងចន្លោះទំហំនេះ ក្នុងការលេងឡើងវិញនៃ {editions}។",
    },
    "nowcast_no_intervals": {
        "en": "No interval: no earlier Survey could be replayed to size one.",
        "km": "គ្មានចន្លោះ៖ គ្មានការស្ទង់មតិមុនណាមួយអាចលេងឡើងវិញដើម្បីកំណត់ទំហំបានទេ។",
    },
    "nowcast_anchor_lowest": {
        "en": "Scale: the lowest {subindex} was {before}'s in {source} and is {now}'s in the nowcast; min-max moves every "
        "country's {subindex} with it (ranks much less).",
        "km": "មាត្រដ្ឋាន៖ {subindex} ទាបបំផុតគឺរបស់ {before} ក្នុងឆ្នាំ {source} ហើយជារបស់ {now} ក្នុងការព្យាករណ៍; ការធ្វើបទដ្ឋានកម្មអប្បបរមា–អតិបរមា "
        "រំកិល {subindex} របស់ប្រទេសនីមួយៗតាមវា (ចំណាត់ថ្នាក់តិចជាងនេះច្រើន)។",
    },
    "nowcast_anchor_highest": {
        "en": "Scale: the highest {subindex} was {before}'s in {source} and is {now}'s in the nowcast; min-max moves every "
        "country's {subindex} with it (ranks much less).",
        "km": "មាត្រដ្ឋាន៖ {subindex} ខ្ពស់បំផុតគឺរបស់ {before} ក្នុងឆ្នាំ {source} ហើយជារបស់ {now} ក្នុងការព្យាករណ៍; ការធ្វើបទដ្ឋានកម្មអប្បបរមា–អតិបរមា "
        "រំកិល {subindex} របស់ប្រទេសនីមួយៗតាមវា (ចំណាត់ថ្នាក់តិចជាងនេះច្រើន)។",
    },
    "attribution_line": {
        "en": "{attribution} Licence: {licence}. {url}",
        "km": "{attribution} អាជ្ញាបណ្ណ៖ {licence}។ {url}",
    },
    "source_anomaly": {
        "en": "{indicator} = {value} is above 1, outside the index range: an anomaly of the published source, kept and flagged.",
        "km": "{indicator} = {value} លើសពី ១ ក្រៅចន្លោះសន្ទស្សន៍៖ ភាពមិនប្រក្រតីនៃប្រភពដែលបានផ្សព្វផ្សាយ ត្រូវបានរក្សាទុក និងសម្គាល់។",
    },
    "missing_column": {
        "en": "Required column '{column}' is missing. Columns found: {found}.",
        "km": "ខ្វះជួរឈរចាំបាច់ '{column}'។ ជួរឈរដែលមាន៖ {found}។",
    },
    "duplicate_conflict": {
        "en": "{entity} has different values for {indicator} in {year}: {values}.",
        "km": "{entity} មានតម្លៃខុសគ្នាសម្រាប់ {indicator} ក្នុងឆ្នាំ {year}៖ {values}។",
    },
    "bad_year": {
        "en": "Year '{value}' is not a year between {min} and {max}.",
        "km": "ឆ្នាំ '{value}' មិនមែនជាឆ្នាំចន្លោះ {min} និង {max} ទេ។",
    },
    "empty_file": {
        "en": "The file has no data rows.",
        "km": "ឯកសារនេះគ្មានជួរទិន្នន័យទេ។",
    },
    "unreadable_file": {
        "en": "The file cannot be read as {kind}: {reason}",
        "km": "មិនអាចអានឯកសារនេះជា {kind} បានទេ៖ {reason}",
    },
    "unsupported_format": {
        "en": "Unsupported file type '{value}'. Accepted: .csv, .xlsx, .xlsm, .xls, .zip.",
        "km": "ប្រភេទឯកសារ '{value}' មិនត្រូវបានគាំទ្រទេ។ ទទួលយក៖ .csv, .xlsx, .xlsm, .xls, .zip។",
    },
    "file_not_found": {
        "en": "File not found.",
        "km": "រកមិនឃើញឯកសារ។",
    },
    "not_assessed": {
        "en": "{country} was not assessed in {edition}: all values are zero and there is no rank (not yet a UN Member State).",
        "km": "{country} មិនត្រូវបានវាយតម្លៃក្នុងឆ្នាំ {edition} ទេ៖ តម្លៃទាំងអស់ជាសូន្យ ហើយគ្មានចំណាត់ថ្នាក់ (មិនទាន់ជារដ្ឋសមាជិកអង្គការសហប្រជាជាតិ)។",
    },
    "missing_rank": {
        "en": "The rank is empty although the country has scores.",
        "km": "ចំណាត់ថ្នាក់ទទេ ទោះបីប្រទេសនេះមានពិន្ទុក៏ដោយ។",
    },
    "duplicate_country": {
        "en": "{country} appears more than once in edition {edition} (rows {rows}).",
        "km": "{country} មានច្រើនជាងម្តងក្នុងឆ្នាំ {edition} (ជួរ {rows})។",
    },
    "unknown_edition": {
        "en": "No methodology file for edition {edition}. Available editions: {available}.",
        "km": "គ្មានឯកសារវិធីសាស្ត្រសម្រាប់ឆ្នាំ {edition} ទេ។ ឆ្នាំដែលមាន៖ {available}។",
    },
    "invalid_methodology": {
        "en": "Methodology file: {detail}",
        "km": "ឯកសារវិធីសាស្ត្រ៖ {detail}",
    },
    "no_scorable_data": {
        "en": "No indicator of the {edition} methodology has data in this file; it needs some of: {codes}.",
        "km": "គ្មានសូចនាករណាមួយនៃវិធីសាស្ត្រឆ្នាំ {edition} មានទិន្នន័យក្នុងឯកសារនេះទេ។ ត្រូវការ៖ {codes}។",
    },
    "store_bad_url": {
        "en": "'{url}' is not a database address this tool can use: {reason}",
        "km": "'{url}' មិនមែនជាអាសយដ្ឋានមូលដ្ឋានទិន្នន័យដែលឧបករណ៍នេះអាចប្រើបានទេ៖ {reason}",
    },
    "store_cannot_open": {
        "en": "Cannot open the database {url}: {reason}",
        "km": "មិនអាចបើកមូលដ្ឋានទិន្នន័យ {url} បានទេ៖ {reason}",
    },
    "store_not_a_database": {
        "en": "{url} is not a database file, or it is damaged.",
        "km": "{url} មិនមែនជាឯកសារមូលដ្ឋានទិន្នន័យទេ ឬវាខូច។",
    },
    "store_busy": {
        "en": "The database {url} is busy: another import or rollback is in progress. Nothing was changed; try again in a moment.",
        "km": "មូលដ្ឋានទិន្នន័យ {url} កំពុងរវល់៖ ការនាំចូល ឬការត្រឡប់ក្រោយមួយផ្សេងទៀតកំពុងដំណើរការ។ គ្មានអ្វីត្រូវបានផ្លាស់ប្តូរទេ។ សូមព្យាយាមម្តងទៀតបន្តិចក្រោយ។",
    },
    "store_database_error": {
        "en": "The database {url} reported an error: {reason}. Nothing was changed.",
        "km": "មូលដ្ឋានទិន្នន័យ {url} បានរាយការណ៍កំហុស៖ {reason}។ គ្មានអ្វីត្រូវបានផ្លាស់ប្តូរទេ។",
    },
    "store_newer_schema": {
        "en": "The database was made by a newer version of this tool (schema version {found}; this version knows up to {known}). "
        "Update the tool to use it.",
        "km": "មូលដ្ឋានទិន្នន័យនេះត្រូវបានបង្កើតដោយកំណែថ្មីជាងនៃឧបករណ៍នេះ (កំណែគ្រោងការណ៍ {found}; កំណែនេះស្គាល់ត្រឹម {known})។ សូមធ្វើបច្ចុប្បន្នភាពឧបករណ៍ដើម្បីប្រើវា។",
    },
    "store_no_version": {
        "en": "There is no version {version} in the store.",
        "km": "គ្មានកំណែ {version} នៅក្នុងឃ្លាំងទិន្នន័យទេ។",
    },
    "store_nothing_to_undo": {
        "en": "Rolling back version {version} would change nothing: {dataset} is already as it was before that version.",
        "km": "ការត្រឡប់កំណែ {version} វិញនឹងមិនផ្លាស់ប្តូរអ្វីទេ៖ {dataset} មានសភាពដូចមុនកំណែនោះរួចហើយ។",
    },
    "store_empty_import": {
        "en": "Nothing to import into {dataset}: the data has no rows.",
        "km": "គ្មានអ្វីត្រូវនាំចូលទៅក្នុង {dataset} ទេ៖ ទិន្នន័យគ្មានជួរទេ។",
    },
    "store_missing_columns": {
        "en": "The data for {dataset} cannot be stored: required columns are missing: {columns}.",
        "km": "មិនអាចរក្សាទុកទិន្នន័យសម្រាប់ {dataset} បានទេ៖ ខ្វះជួរឈរចាំបាច់៖ {columns}។",
    },
    "store_bad_column": {
        "en": "The data for {dataset} cannot be stored: column '{column}' has values of the wrong type ({reason}).",
        "km": "មិនអាចរក្សាទុកទិន្នន័យសម្រាប់ {dataset} បានទេ៖ ជួរឈរ '{column}' មានតម្លៃខុសប្រភេទ ({reason})។",
    },
    "store_blank_key": {
        "en": "The data for {dataset} cannot be stored: data row {position} has no entity or no indicator.",
        "km": "មិនអាចរក្សាទុកទិន្នន័យសម្រាប់ {dataset} បានទេ៖ ជួរទិន្នន័យទី {position} គ្មានអង្គភាព ឬគ្មានសូចនាករ។",
    },
    "store_duplicate_key": {
        "en": "The data for {dataset} cannot be stored: {entity} has more than one value for {indicator} in {year}.",
        "km": "មិនអាចរក្សាទុកទិន្នន័យសម្រាប់ {dataset} បានទេ៖ {entity} មានតម្លៃច្រើនជាងមួយសម្រាប់ {indicator} ក្នុងឆ្នាំ {year}។",
    },
    # Why a file cannot be read: the {reason} of `unreadable_file`, in each language.
    "file_reason_too_large": {
        "en": "it is {size}; the limit is {limit}.",
        "km": "ទំហំរបស់វាគឺ {size} ប៉ុន្តែដែនកំណត់គឺ {limit}។",
    },
    "file_reason_too_many_members": {
        "en": "it is a zip archive of {count} files; the limit is {limit}. Refused as unsafe.",
        "km": "វាជាឯកសារ ZIP ដែលមានឯកសារ {count} ប៉ុន្តែដែនកំណត់គឺ {limit}។ ត្រូវបានបដិសេធព្រោះមិនមានសុវត្ថិភាព។",
    },
    "file_reason_not_workbook": {
        "en": "it is not an Excel workbook (its content is neither .xlsx nor .xls); perhaps a web page saved under an Excel name.",
        "km": "វាមិនមែនជាសៀវភៅបញ្ជី Excel ទេ (ខ្លឹមសាររបស់វាមិនមែន .xlsx ឬ .xls)។ ប្រហែលជាទំព័របណ្ដាញដែលរក្សាទុកក្រោមឈ្មោះ Excel។",
    },
    "file_reason_encrypted_or_old": {
        "en": "it is password-protected or in a format older than Excel 97 ({detail}). Save it as .xlsx without a password.",
        "km": "វាមានពាក្យសម្ងាត់ ឬជាទម្រង់ចាស់ជាង Excel 97 ({detail})។ សូមរក្សាទុកវាជា .xlsx ដោយគ្មានពាក្យសម្ងាត់។",
    },
    "file_reason_binary": {
        "en": "it is a binary file, not text.",
        "km": "វាជាឯកសារប្រភេទគោលពីរ (binary) មិនមែនជាអត្ថបទទេ។",
    },
    "file_reason_zip_not_workbook": {
        "en": "it is not an .xlsx workbook: it is a ZIP archive with no workbook inside (perhaps a renamed Word or OpenDocument file).",
        "km": "វាមិនមែនជាសៀវភៅបញ្ជី .xlsx ទេ៖ វាជាឯកសារ ZIP ដែលគ្មានសៀវភៅបញ្ជីនៅខាងក្នុង (ប្រហែលជាឯកសារ Word ឬ OpenDocument ដែលគេប្តូរឈ្មោះ)។",
    },
    "file_reason_damaged": {
        "en": "the file is damaged or truncated ({detail}).",
        "km": "ឯកសារនេះខូច ឬមិនពេញលេញ ({detail})។",
    },
    "file_reason_unsafe": {
        "en": "it would expand to {size} MiB ({ratio}× its size); refused as unsafe.",
        "km": "វានឹងពង្រីកដល់ {size} MiB ({ratio} ដងនៃទំហំរបស់វា)៖ ត្រូវបានបដិសេធព្រោះមិនមានសុវត្ថិភាព។",
    },
    "file_reason_too_many_cells": {
        "en": "a sheet spans at least {rows} rows × {columns} columns from A1, more than the {limit} cells allowed; "
        "delete stray cells far from the data.",
        "km": "សន្លឹកមួយលាតសន្ធឹងយ៉ាងហោចណាស់ {rows} ជួរដេក × {columns} ជួរឈរ ចាប់ពី A1 ដែលលើសពី {limit} ក្រឡាដែលអនុញ្ញាត។ សូមលុបក្រឡាដែលនៅឆ្ងាយពីទិន្នន័យ។",
    },
    "file_reason_encrypted": {
        "en": "it is encrypted; save it without a password.",
        "km": "វាត្រូវបានអ៊ិនគ្រីប។ សូមរក្សាទុកវាដោយគ្មានពាក្យសម្ងាត់។",
    },
    "file_reason_bad_csv": {
        "en": "the text is not valid CSV ({detail}).",
        "km": "អត្ថបទនេះមិនមែនជា CSV ត្រឹមត្រូវទេ ({detail})។",
    },
    "unknown_format": {
        "en": "The layout of this file is not one this tool reads (columns found: {found}). It reads, as downloaded: UN DESA and "
        "UNU-EGOV results; the national data template; World Bank bulk, Excel and DataBank downloads; ITU DataHub exports, "
        "country files and price baskets; Data360/SDMX exports; UNESCO UIS.Stat exports; UNDP HDR time series; Cambodia NIS "
        "province tables; long tables (entity, indicator, value) and wide tables by year. See README, 'Loading survey files'.",
        "km": "ប្លង់នៃឯកសារនេះមិនមែនជាប្លង់ដែលកម្មវិធីនេះអានបានទេ (ជួរឈរដែលមាន៖ {found})។ កម្មវិធីនេះអានឯកសារដូចដែលបានទាញយក៖ "
        "លទ្ធផលរបស់ UN DESA និង UNU-EGOV; គំរូទិន្នន័យជាតិ; ឯកសារទាញយករបស់ធនាគារពិភពលោក (bulk, Excel, DataBank); "
        "ឯកសាររបស់ ITU (DataHub ឯកសារប្រទេស និងកញ្ចប់តម្លៃ); Data360/SDMX; UNESCO UIS.Stat; ស៊េរីពេលវេលា HDR របស់ UNDP; "
        "តារាងខេត្តរបស់វិទ្យាស្ថានជាតិស្ថិតិ; តារាងបណ្តោយ (entity, indicator, value) និងតារាងទទឹងតាមឆ្នាំ។ "
        "សូមមើល README ផ្នែក 'Loading survey files'។",
    },
    "years_ignored": {
        "en": "{rows} values of years before {earliest} ({first_year}–{last_year}) were not used.",
        "km": "តម្លៃចំនួន {rows} នៃឆ្នាំមុនឆ្នាំ {earliest} ({first_year}–{last_year}) មិនត្រូវបានយកមកប្រើទេ។",
    },
    "missing_entity": {
        "en": "This row has values but no {kind}.",
        "km": "ជួរនេះមានតម្លៃ ប៉ុន្តែគ្មាន{kind_km}ទេ។",
    },
    "missing_year": {
        "en": "This row has values but no year.",
        "km": "ជួរនេះមានតម្លៃ ប៉ុន្តែគ្មានឆ្នាំទេ។",
    },
    # Questionnaire files (data/methodology/kh-losi-YYYY.yaml): `indicators.questionnaire`.
    "questionnaire_missing": {
        "en": "missing: every questionnaire file needs it.",
        "km": "ខ្វះ៖ ឯកសារកម្រងសំណួរនីមួយៗត្រូវការវា។",
    },
    "questionnaire_missing_text": {
        "en": "the text in {language} is missing.",
        "km": "ខ្វះអត្ថបទជាភាសា{language}។",
    },
    "questionnaire_bad_choice": {
        "en": "'{value}' is not allowed here; expected: {known}.",
        "km": "'{value}' មិនត្រូវបានអនុញ្ញាតនៅទីនេះទេ។ តម្លៃដែលរំពឹងទុក៖ {known}។",
    },
    "questionnaire_not_boolean": {
        "en": "must be true or false.",
        "km": "ត្រូវតែជា true ឬ false។",
    },
    "questionnaire_bad_id": {
        "en": "the id '{value}' must equal the file name without extension ('{expected}').",
        "km": "លេខសម្គាល់ '{value}' ត្រូវតែដូចឈ្មោះឯកសារដោយគ្មានកន្ទុយ ('{expected}')។",
    },
    "questionnaire_bad_code": {
        "en": "'{value}' is not a valid code, or is used twice: write it like {pattern}, starting with its criterion's code.",
        "km": "'{value}' មិនមែនជាកូដត្រឹមត្រូវ ឬត្រូវបានប្រើពីរដង៖ សូមសរសេរដូចជា {pattern} ដោយចាប់ផ្តើមដោយកូដនៃលក្ខណៈវិនិច្ឆ័យរបស់វា។",
    },
    "questionnaire_bad_threshold": {
        "en": "'{value}' is not a threshold from 0 up to (not including) 1.",
        "km": "'{value}' មិនមែនជាកម្រិតកំណត់ចាប់ពី ០ ដល់ (មិនរាប់បញ្ចូល) ១ ទេ។",
    },
    "questionnaire_bad_levels": {
        "en": "every level but the last needs 'above', decreasing from the first level to the last; the last has 'above: null'.",
        "km": "កម្រិតនីមួយៗ លើកលែងតែកម្រិតចុងក្រោយ ត្រូវការ 'above' ដែលថយចុះពីកម្រិតទីមួយដល់កម្រិតចុងក្រោយ។ កម្រិតចុងក្រោយមាន 'above: null'។",
    },
    "questionnaire_no_indicators": {
        "en": "at least one indicator is needed.",
        "km": "ត្រូវការសូចនាករយ៉ាងហោចណាស់មួយ។",
    },
    "questionnaire_not_mapping": {
        "en": "the file is not a YAML mapping.",
        "km": "ឯកសារនេះមិនមែនជាផែនទី YAML ទេ។",
    },
    "questionnaire_not_yaml": {
        "en": "the file is not valid YAML: {detail}",
        "km": "ឯកសារនេះមិនមែនជា YAML ត្រឹមត្រូវទេ៖ {detail}",
    },
    "questionnaire_unknown": {
        "en": "There is no questionnaire '{value}'. Available: {known}.",
        "km": "គ្មានកម្រងសំណួរ '{value}' ទេ។ កម្រងសំណួរដែលមាន៖ {known}។",
    },
    # The portal assessment sheet of the province data template: `indicators.ingest.questionnaire_sheet`.
    "questionnaire_sheet_no_id": {
        "en": "The sheet does not say which questionnaire it answers: above the table, next to '{label}', "
        "write its id (such as {example}).",
        "km": "សន្លឹកនេះមិនបានបញ្ជាក់ថាវាឆ្លើយកម្រងសំណួរណាទេ៖ នៅខាងលើតារាង ក្បែរ '{label}' សូមសរសេរលេខសម្គាល់របស់វា (ដូចជា {example})។",
    },
    "questionnaire_sheet_no_year": {
        "en": "The assessment year is missing: above the table, next to '{label}', type the year the portals were assessed.",
        "km": "ខ្វះឆ្នាំវាយតម្លៃ៖ នៅខាងលើតារាង ក្បែរ '{label}' សូមវាយឆ្នាំដែលគេហទំព័រត្រូវបានវាយតម្លៃ។",
    },
    "duplicate_province_column": {
        "en": "{value} has more than one answer column; keep one.",
        "km": "{value} មានជួរឈរចម្លើយច្រើនជាងមួយ។ សូមរក្សាទុកតែមួយ។",
    },
    "missing_questionnaire_indicator": {
        "en": "This row has answers but no indicator code.",
        "km": "ជួរនេះមានចម្លើយ ប៉ុន្តែគ្មានកូដសូចនាករទេ។",
    },
    "unknown_questionnaire_indicator": {
        "en": "'{value}' is not an indicator of the questionnaire {questionnaire}.",
        "km": "'{value}' មិនមែនជាសូចនាករនៃកម្រងសំណួរ {questionnaire} ទេ។",
    },
    "answer_not_yes_no": {
        "en": "'{value}' is not an answer: choose yes or no, or leave the cell empty when the indicator was not assessed.",
        "km": "'{value}' មិនមែនជាចម្លើយទេ៖ សូមជ្រើសរើស មាន ឬ គ្មាន ឬទុកក្រឡាឱ្យនៅទទេ នៅពេលមិនបានវាយតម្លៃសូចនាករនោះ។",
    },
    "value_jump": {
        "en": "{indicator} of {entity} moved from {old} in {old_year} to {new} in {year} ({change}): more than {max} and more "
        "than {step} in one step. Please check it.",
        "km": "{indicator_km} របស់ {entity_km} បានប្រែប្រួលពី {old} ក្នុងឆ្នាំ {old_year} ទៅ {new} ក្នុងឆ្នាំ {year} ({change})៖ "
        "ច្រើនជាង {max} និងច្រើនជាង {step_km} ក្នុងមួយជំហាន។ សូមពិនិត្យមើលឡើងវិញ។",
    },
    # Reading files: damage found before any value is checked
    "nul_byte": {
        "en": "This line holds a NUL byte: the file is damaged or is not text. Save it again as CSV (UTF-8).",
        "km": "បន្ទាត់នេះមានបៃ NUL៖ ឯកសារខូច ឬមិនមែនជាអត្ថបទ។ សូមរក្សាទុកវាម្តងទៀតជា CSV (UTF-8)។",
    },
    "mixed_encoding": {
        "en": "This line holds the byte {value}, which is not UTF-8, although the rest of the file is UTF-8: the file mixes two "
        "encodings, and reading it either way would garble some names. Save it again as CSV (UTF-8).",
        "km": "បន្ទាត់នេះមានបៃ {value} ដែលមិនមែនជា UTF-8 ទោះបីផ្នែកផ្សេងទៀតនៃឯកសារជា UTF-8 ក៏ដោយ៖ ឯកសារលាយការអ៊ិនកូដពីរ "
        "ហើយការអានវាតាមរបៀបណាក៏ដោយនឹងធ្វើឱ្យឈ្មោះខ្លះខូច។ សូមរក្សាទុកវាម្តងទៀតជា CSV (UTF-8)។",
    },
    "unclosed_quote": {
        "en": "A quotation mark opened in this row is not closed where it should be, so the lines after it were read as "
        "part of one cell. Close the quote or remove it.",
        "km": "សញ្ញាសម្រង់ដែលបើកនៅក្នុងជួរនេះ មិនត្រូវបានបិទនៅកន្លែងដែលគួរបិទ ដូច្នេះបន្ទាត់បន្ទាប់ៗត្រូវបានអានជាផ្នែកនៃក្រឡាតែមួយ។ សូមបិទសញ្ញាសម្រង់ ឬលុបវាចេញ។",
    },
    "duplicate_sheet_name": {
        "en": "Two sheets are named '{value}' (sheets {first} and {second}); Excel does not allow this, so another program made the "
        "file and places in it would be ambiguous. Rename one of them.",
        "km": "សន្លឹកពីរមានឈ្មោះ '{value}' (សន្លឹកទី {first} និងទី {second})។ Excel មិនអនុញ្ញាតទេ ដូច្នេះកម្មវិធីផ្សេងបានបង្កើតឯកសារនេះ "
        "ហើយទីតាំងនៅក្នុងវានឹងមិនច្បាស់។ សូមប្តូរឈ្មោះសន្លឹកមួយ។",
    },
    "hidden_sheet": {
        "en": "Sheet '{value}' is {state} and was not read. Unhide it in Excel if its data should be imported.",
        "km": "សន្លឹក '{value}' ត្រូវបានលាក់ ({state}) ហើយមិនត្រូវបានអានទេ។ សូមបង្ហាញវាវិញក្នុង Excel ប្រសិនបើត្រូវនាំចូលទិន្នន័យរបស់វា។",
    },
    "zip_members_skipped": {
        "en": "Files in the zip archive that are not CSV were not read: {value}.",
        "km": "ឯកសារក្នុង ZIP ដែលមិនមែនជា CSV មិនត្រូវបានអានទេ៖ {value}។",
    },
    "folder_files_skipped": {
        "en": "Files in this folder that are not data files (.csv, .xlsx, .xls, .zip) were not read: {value}.",
        "km": "ឯកសារក្នុងថតនេះដែលមិនមែនជាឯកសារទិន្នន័យ (.csv, .xlsx, .xls, .zip) មិនត្រូវបានអានទេ៖ {value}។",
    },
    "repeated_issue": {
        "en": "{count} times: {example} First at: {places}.",
        "km": "{count} ដង៖ {example} លើកដំបូងនៅ៖ {places}។",
    },
    # Rows skipped, each kind in one note
    "aggregates_skipped": {
        "en": "{count} regional or income aggregates ({rows} rows) were skipped: {names}.",
        "km": "ក្រុមតំបន់ ឬក្រុមចំណូលចំនួន {count} ({rows} ជួរ) ត្រូវបានរំលង៖ {names}។",
    },
    "territories_skipped": {
        "en": "{count} territories that are not UN Member States ({rows} rows) were skipped: {names}.",
        "km": "ដែនដីចំនួន {count} ដែលមិនមែនជារដ្ឋសមាជិកអង្គការសហប្រជាជាតិ ({rows} ជួរ) ត្រូវបានរំលង៖ {names}។",
    },
    "totals_skipped": {
        "en": "{count} national totals ({rows} rows) were skipped: {names}.",
        "km": "ចំនួនសរុបថ្នាក់ជាតិចំនួន {count} ({rows} ជួរ) ត្រូវបានរំលង៖ {names}។",
    },
    "series_not_used": {
        "en": "{count} series that the tool does not use ({rows} rows) were skipped: {names}.",
        "km": "ស៊េរីចំនួន {count} ដែលកម្មវិធីនេះមិនប្រើ ({rows} ជួរ) ត្រូវបានរំលង៖ {names}។",
    },
    "outside_definition": {
        "en": "{rows} values from years a basket's definition does not cover were not used: {names}.",
        "km": "តម្លៃចំនួន {rows} ពីឆ្នាំដែលនិយមន័យកញ្ចប់មិនគ្របដណ្ដប់ មិនត្រូវបានប្រើទេ៖ {names}។",
    },
    "values_missing": {
        "en": "{rows} cells hold no value ({markers}) and were skipped.",
        "km": "ក្រឡាចំនួន {rows} គ្មានតម្លៃ ({markers}) ហើយត្រូវបានរំលង។",
    },
    "breakdowns_skipped": {
        "en": "{rows} rows broken down by sex, age or another dimension were skipped; the tool reads totals.",
        "km": "ជួរចំនួន {rows} ដែលបែងចែកតាមភេទ អាយុ ឬវិមាត្រផ្សេង ត្រូវបានរំលង។ កម្មវិធីនេះអានតែចំនួនសរុប។",
    },
    "combined_ger_derived": {
        "en": "{rows} combined gross enrolment ratios were derived from the primary, secondary and tertiary ratios "
        "(weights 6:6:5) and flagged 'derived'.",
        "km": "អត្រាចុះឈ្មោះចូលរៀនសរុបរួមចំនួន {rows} ត្រូវបានគណនាពីអត្រាកម្រិតបឋម មធ្យម និងឧត្តមសិក្សា (ទម្ងន់ 6:6:5) ហើយត្រូវបានសម្គាល់ថា 'derived'។",
    },
    "columns_not_read": {
        "en": "Columns that are not measures the tool uses were not read: {value}.",
        "km": "ជួរឈរដែលមិនមែនជារង្វាស់ដែលកម្មវិធីនេះប្រើ មិនត្រូវបានអានទេ៖ {value}។",
    },
    "index_not_given": {
        "en": "Empty index cells mean 'not assessed' in this file and were not stored: {counts}.",
        "km": "ក្រឡាសន្ទស្សន៍ទទេមានន័យថា 'មិនបានវាយតម្លៃ' នៅក្នុងឯកសារនេះ ហើយមិនត្រូវបានរក្សាទុកទេ៖ {counts}។",
    },
    # What a file must say, and does not
    "no_used_series": {
        "en": "None of the {value} series in this file is one the tool uses, so nothing would be imported. Found: {found}. "
        "The tool reads: {reads}.",
        "km": "គ្មានស៊េរីណាមួយក្នុងចំណោម {value} ស៊េរីនៅក្នុងឯកសារនេះ ជាស៊េរីដែលកម្មវិធីនេះប្រើទេ ដូច្នេះគ្មានអ្វីត្រូវនាំចូលទេ។ "
        "ដែលមាន៖ {found}។ កម្មវិធីនេះអាន៖ {reads}។",
    },
    "no_values": {
        "en": "None of this file's cells of the series the tool uses holds a value: {rows} are {markers}.",
        "km": "គ្មានក្រឡាណាមួយនៃស៊េរីដែលកម្មវិធីនេះប្រើ នៅក្នុងឯកសារនេះមានតម្លៃទេ៖ {rows} ជា {markers}។",
    },
    "series_unnamed": {
        "en": "This table has no indicator column: name its series with --indicator (for example --indicator IT.CEL.SETS.P2), "
        "or put the World Bank code in the file or folder name.",
        "km": "តារាងនេះគ្មានជួរឈរសូចនាករទេ៖ សូមដាក់ឈ្មោះស៊េរីរបស់វាដោយ --indicator (ឧទាហរណ៍ --indicator IT.CEL.SETS.P2) "
        "ឬដាក់កូដធនាគារពិភពលោកនៅក្នុងឈ្មោះឯកសារ ឬថត។",
    },
    "year_needed": {
        "en": "This table has no year column: give the year its values refer to with --year (for example --year 2008 for the 2008 census).",
        "km": "តារាងនេះគ្មានជួរឈរឆ្នាំទេ៖ សូមផ្ដល់ឆ្នាំដែលតម្លៃរបស់វាសំដៅដោយ --year (ឧទាហរណ៍ --year 2008 សម្រាប់ជំរឿនឆ្នាំ 2008)។",
    },
    "edition_unknown": {
        "en": "The file has no Survey Year column and its name holds no edition: give it with --edition (for example --edition 2014).",
        "km": "ឯកសារនេះគ្មានជួរឈរ Survey Year ហើយឈ្មោះរបស់វាមិនបង្ហាញឆ្នាំបោះពុម្ពទេ៖ សូមផ្ដល់វាដោយ --edition (ឧទាហរណ៍ --edition 2014)។",
    },
    "edition_mismatch": {
        "en": "--edition {value} disagrees with the file name, which says {named}.",
        "km": "--edition {value} មិនត្រូវនឹងឈ្មោះឯកសារ ដែលបង្ហាញ {named} ទេ។",
    },
    # Values that are not what they seem
    "formula_error": {
        "en": "'{value}' is a spreadsheet formula error ({meaning}), not a value: fix the formula or leave the cell empty.",
        "km": "'{value}' ជាកំហុសរូបមន្តក្នុងសៀវភៅបញ្ជី ({meaning}) មិនមែនជាតម្លៃទេ៖ សូមកែរូបមន្ត ឬទុកក្រឡាឱ្យនៅទទេ។",
    },
    "ambiguous_decimal": {
        "en": "'{value}' is ambiguous: this column writes decimals both with a comma and with a point (or only as '1,234'), so it "
        "could be read two ways. Use one decimal separator throughout.",
        "km": "'{value}' មិនច្បាស់លាស់៖ ជួរឈរនេះសរសេរទសភាគទាំងដោយក្បៀស និងដោយចំណុច (ឬតែជា '1,234') ដូច្នេះវាអាចអានបានពីររបៀប។ សូមប្រើសញ្ញាទសភាគតែមួយប្រភេទ។",
    },
    "linked_cell": {
        "en": "This value ({value}) is the saved result of a formula linked to another file or program ({formula}); it may be "
        "out of date. Replace the formula by its value (Paste Special, Values) and import again.",
        "km": "តម្លៃនេះ ({value}) ជាលទ្ធផលដែលបានរក្សាទុកនៃរូបមន្តដែលភ្ជាប់ទៅឯកសារ ឬកម្មវិធីផ្សេង ({formula}) ហើយវាអាចហួសសម័យ។ "
        "សូមជំនួសរូបមន្តដោយតម្លៃរបស់វា (Paste Special, Values) ហើយនាំចូលម្តងទៀត។",
    },
    "control_character": {
        "en": "The {what} '{value}' holds an invisible control character: a sign of a damaged file. Remove it.",
        "km": "{what} '{value}' មានតួអក្សរបញ្ជាដែលមើលមិនឃើញ៖ សញ្ញានៃឯកសារខូច។ សូមលុបវាចេញ។",
    },
    # Who may change what (indicators.store.access, accounts, jobs). {action_text}, {role_text}, {needed_text}: LABELS.
    "access_sign_in": {
        "en": "Sign in to {action_text}: it needs the {needed_text} role. Nothing was changed.",
        "km": "សូមចូលគណនីដើម្បី{action_text}៖ សកម្មភាពនេះត្រូវការតួនាទី{needed_text}។ គ្មានអ្វីត្រូវបានផ្លាស់ប្តូរទេ។",
    },
    "access_refused": {
        "en": "{user} is signed in as {role_text}: only an account with the {needed_text} role can {action_text}. Nothing was changed.",
        "km": "{user} បានចូលគណនីជា{role_text}។ ការ{action_text}ត្រូវការតួនាទី{needed_text}។ គ្មានអ្វីត្រូវបានផ្លាស់ប្តូរទេ។",
    },
    "account_bad_name": {
        "en": "'{name}' cannot be an account name: use 1 to 100 characters, without control characters.",
        "km": "'{name}' មិនអាចជាឈ្មោះគណនីបានទេ៖ សូមប្រើពី ១ ដល់ ១០០ តួអក្សរ ដោយគ្មានតួអក្សរបញ្ជា។",
    },
    "account_bad_role": {
        "en": "'{role}' is not a role. Roles: viewer, editor, admin.",
        "km": "'{role}' មិនមែនជាតួនាទីទេ។ តួនាទី៖ viewer (អ្នកមើល), editor (អ្នកកែសម្រួល), admin (អ្នកគ្រប់គ្រង)។",
    },
    "account_exists": {
        "en": "There is already an account named '{name}'.",
        "km": "មានគណនីឈ្មោះ '{name}' រួចហើយ។",
    },
    "account_unknown": {
        "en": "There is no account named '{name}'.",
        "km": "គ្មានគណនីឈ្មោះ '{name}' ទេ។",
    },
    "account_weak_password": {
        "en": "The password is too short: use at least {minimum} characters.",
        "km": "ពាក្យសម្ងាត់ខ្លីពេក៖ សូមប្រើយ៉ាងហោចណាស់ {minimum} តួអក្សរ។",
    },
    "account_last_admin": {
        "en": "'{name}' is the last active administrator: make another account admin first.",
        "km": "'{name}' គឺជាអ្នកគ្រប់គ្រងសកម្មចុងក្រោយ៖ សូមផ្តល់តួនាទីអ្នកគ្រប់គ្រងដល់គណនីមួយផ្សេងទៀតជាមុនសិន។",
    },
    "sign_in_failed": {
        "en": "The name or the password is wrong.",
        "km": "ឈ្មោះ ឬពាក្យសម្ងាត់មិនត្រឹមត្រូវទេ។",
    },
    "sign_in_limited": {
        "en": "Too many failed sign-ins: try again in {minutes} minutes.",
        "km": "ការចូលគណនីបរាជ័យច្រើនដងពេក៖ សូមព្យាយាមម្តងទៀតក្នុងរយៈពេល {minutes} នាទីទៀត។",
    },
    "job_dataset_busy": {
        "en": "An import of {dataset} is already waiting or running (job {job}): wait for it to finish.",
        "km": "ការនាំចូល {dataset} មួយកំពុងរង់ចាំ ឬកំពុងដំណើរការរួចហើយ (ការងារ {job})៖ សូមរង់ចាំឱ្យវាបញ្ចប់។",
    },
    "job_unknown": {
        "en": "There is no background job {job}.",
        "km": "គ្មានការងារផ្ទៃក្រោយលេខ {job} ទេ។",
    },
    "job_abandoned": {
        "en": "The server process running this import stopped {attempts} times before it finished; nothing of it was stored. "
        "Try the import again, and ask the operator to check the server's log.",
        "km": "ដំណើរការម៉ាស៊ីនមេដែលកំពុងនាំចូលនេះបានឈប់ {attempts} ដងមុនពេលបញ្ចប់។ គ្មានអ្វីពីវាត្រូវបានរក្សាទុកទេ។ "
        "សូមនាំចូលម្តងទៀត ហើយសូមឱ្យប្រតិបត្តិករពិនិត្យកំណត់ហេតុរបស់ម៉ាស៊ីនមេ។",
    },
    "job_refused": {
        "en": "{count} of the files have errors: nothing was imported.",
        "km": "ឯកសារ {count} មានកំហុស៖ គ្មានអ្វីត្រូវបាននាំចូលទេ។",
    },
    "job_failed": {
        "en": "The import failed and nothing was stored: {reason}",
        "km": "ការនាំចូលបានបរាជ័យ ហើយគ្មានអ្វីត្រូវបានរក្សាទុកទេ៖ {reason}",
    },
}

# Words that messages name by code, in each language: a parameter `action`, `role` or `needed` adds `<name>_text`.
ACTION_LABELS = {
    "import": {"en": "import data", "km": "នាំចូលទិន្នន័យ"},
    "edit_targets": {"en": "edit targets", "km": "កែសម្រួលគោលដៅ"},
    "save_scenario": {"en": "save scenarios", "km": "រក្សាទុកសេណារីយ៉ូ"},
    "rollback": {"en": "roll back a version", "km": "ត្រឡប់កំណែវិញ"},
    "manage_users": {"en": "manage accounts", "km": "គ្រប់គ្រងគណនីអ្នកប្រើ"},
}
ROLE_LABELS = {
    "viewer": {"en": "viewer", "km": "អ្នកមើល"},
    "editor": {"en": "editor", "km": "អ្នកកែសម្រួល"},
    "admin": {"en": "administrator", "km": "អ្នកគ្រប់គ្រង"},
}
LABELS = {"action": ACTION_LABELS, "role": ROLE_LABELS, "needed": ROLE_LABELS}

KIND_KM = {"country": "ប្រទេស", "province": "ខេត្ត", "entity": "អង្គភាព"}


KHMER_DIGITS = str.maketrans("0123456789", "០១២៣៤៥៦៧៨៩")


def digits(value: str, lang: str) -> str:
    """Western digits turned into Khmer digits in Khmer (numbers in text, as the dashboard and reports show them)."""
    return value.translate(KHMER_DIGITS) if lang == "km" else value


def message(code: str, lang: str = "en", **params: object) -> str:
    """The text of message `code` in `lang`, filled in with `params`."""
    lang = "km" if lang == "km" else "en"
    template = MESSAGES[code][lang]
    for name, labels in LABELS.items():
        if str(params.get(name)) in labels:
            params.setdefault(f"{name}_text", labels[str(params[name])][lang])
    if "kind" in params:
        params.setdefault("kind_km", KIND_KM.get(str(params["kind"]), str(params["kind"])))
    return template.format(**params)
