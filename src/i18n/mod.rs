//! The translation workflow behind `equil i18n`: how far each language is
//! ([`status`]), recording that translations match their source
//! ([`mark`]), and starting a new language ([`add`]).
//!
//! Translation states themselves come from the model ([`crate::model::Status`]);
//! this module only reads, counts and edits files.

pub mod add;
pub mod diff;
pub mod diff_text;
pub mod ftl;
pub mod mark;
pub mod report;
pub mod status;
pub mod table;
pub mod terms;
