//! The package metadata every Office file we write carries (DOCX and XLSX): the core properties
//! (`docProps/core.xml`: title, author, language, created and modified dates) and the app
//! properties (`docProps/app.xml`: which application wrote it). `write::odf` writes the same
//! `Properties` as an ODF file's `meta.xml`. Dates are the export date passed in, never a clock
//! read, so the same project and date give the same bytes.
//!
//! A leaf module: it names only `write::xml`.

use chrono::NaiveDate;

use crate::write::xml;

/// The application named in `docProps/app.xml`.
pub const APPLICATION: &str = "Area SEND partnership toolkit";

/// What a document says about itself.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Properties {
    pub title: String,
    /// The author (`dc:creator`): the partnership that made the document.
    pub creator: String,
    /// BCP 47 language tag, if known.
    pub language: Option<String>,
    /// The export date: both created and modified.
    pub date: Option<NaiveDate>,
}

pub const CORE_CONTENT_TYPE: &str = "application/vnd.openxmlformats-package.core-properties+xml";
pub const APP_CONTENT_TYPE: &str = "application/vnd.openxmlformats-officedocument.extended-properties+xml";
pub const CORE_RELATIONSHIP: &str =
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties";
pub const APP_RELATIONSHIP: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties";

/// The two `<Override>` elements for `[Content_Types].xml`.
pub fn content_type_overrides() -> String {
    format!(
        "<Override PartName=\"/docProps/core.xml\" ContentType=\"{CORE_CONTENT_TYPE}\"/><Override PartName=\"/docProps/app.xml\" ContentType=\"{APP_CONTENT_TYPE}\"/>"
    )
}

/// The package's `_rels/.rels`, pointing at the main part and both property parts.
pub fn package_rels(office_document: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"{office_document}\"/><Relationship Id=\"rId2\" Type=\"{CORE_RELATIONSHIP}\" Target=\"docProps/core.xml\"/><Relationship Id=\"rId3\" Type=\"{APP_RELATIONSHIP}\" Target=\"docProps/app.xml\"/></Relationships>"
    )
}

impl Properties {
    /// `docProps/core.xml`.
    pub fn core_xml(&self) -> String {
        let mut out = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">",
        );
        let mut element = |name: &str, value: &str| {
            if !value.is_empty() {
                out.push_str(&format!("<{name}>{}</{name}>", xml::escape(value)));
            }
        };
        element("dc:title", &self.title);
        element("dc:creator", &self.creator);
        element("cp:lastModifiedBy", &self.creator);
        element("dc:language", self.language.as_deref().unwrap_or(""));
        if let Some(date) = self.date {
            let stamp = date.format("%Y-%m-%dT00:00:00Z");
            for name in ["dcterms:created", "dcterms:modified"] {
                out.push_str(&format!("<{name} xsi:type=\"dcterms:W3CDTF\">{stamp}</{name}>"));
            }
        }
        out.push_str("</cp:coreProperties>");
        out
    }

    /// `docProps/app.xml`.
    pub fn app_xml(&self) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\"><Application>{}</Application><DocSecurity>0</DocSecurity><Company>{}</Company></Properties>",
            xml::escape(APPLICATION),
            xml::escape(&self.creator)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_properties_carry_author_title_and_the_date_passed_in() {
        let props = Properties {
            title: "Plan & <review>\u{FFFF}".into(),
            creator: "Northdale partnership".into(),
            language: Some("en-GB".into()),
            date: NaiveDate::from_ymd_opt(2026, 12, 2),
        };
        let core = props.core_xml();
        assert!(core.contains("<dc:title>Plan &amp; &lt;review&gt;</dc:title>"));
        assert!(core.contains("<dc:creator>Northdale partnership</dc:creator>"));
        assert!(core.contains("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2026-12-02T00:00:00Z</dcterms:created>"));
        assert!(core.contains("<dcterms:modified xsi:type=\"dcterms:W3CDTF\">2026-12-02T00:00:00Z</dcterms:modified>"));
        assert!(props.app_xml().contains("<Application>Area SEND partnership toolkit</Application>"));
        assert!(!Properties::default().core_xml().contains("dcterms:created"));
    }
}
