//! UI strings (placeholder until the theme lands).
use crate::diagnostic::Diagnostic;
pub struct Ui;
impl Ui {
    pub fn from_sources(_sources: &[(String, String, String)]) -> (Ui, Vec<Diagnostic>) {
        (Ui, Vec::new())
    }
    pub fn embedded_sources() -> Vec<(String, String, String)> {
        Vec::new()
    }
}
