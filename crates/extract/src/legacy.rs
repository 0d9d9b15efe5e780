//! Legacy Office compound files (OLE2): Excel `.xls` / WPS `.et` read by calamine; Word
//! `.doc` / WPS `.wps` converted to `.docx` by LibreOffice in headless mode, when `soffice`
//! is installed; an encrypted Office file of any kind refused with what to do.

use crate::{child, docx, sheet, ExtractError, Extracted, Format};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

pub fn extract(bytes: &[u8]) -> Result<Extracted, ExtractError> {
    // Password-protected .docx/.xlsx are compound files holding an EncryptedPackage.
    if has_stream(bytes, "EncryptedPackage") {
        return Err(ExtractError::Encrypted);
    }
    if has_stream(bytes, "Workbook") || has_stream(bytes, "Book") {
        return sheet::extract(bytes, Format::Xls).map_err(|e| match e {
            ExtractError::Damaged(m) if m.contains("password") => ExtractError::Encrypted,
            e => e,
        });
    }
    if has_stream(bytes, "WordDocument") {
        let mut e = docx::extract(&convert_with_soffice(bytes)?)?;
        e.format = Format::Doc;
        e.notes
            .insert(0, "legacy Word file, converted by LibreOffice".into());
        return Ok(e);
    }
    Err(ExtractError::Unsupported(
        "the file is a legacy Office file but neither Word nor Excel (PowerPoint?)".into(),
    ))
}

/// Whether the compound file's directory names a stream `name` (names are UTF-16LE).
fn has_stream(bytes: &[u8], name: &str) -> bool {
    let wide: Vec<u8> = name
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .chain([0, 0])
        .collect();
    bytes.windows(wide.len()).any(|w| w == wide.as_slice())
}

fn soffice() -> String {
    std::env::var("FENGONG_SOFFICE").unwrap_or_else(|_| "soffice".into())
}

const TIMEOUT: Duration = Duration::from_secs(180);

/// A scratch folder removed when dropped.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn scratch() -> Result<Scratch, ExtractError> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let dir = std::env::temp_dir().join(format!("fengong-doc-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir)
        .map_err(|e| ExtractError::Tool(format!("cannot make a scratch folder: {e}")))?;
    Ok(Scratch(dir))
}

fn convert_with_soffice(bytes: &[u8]) -> Result<Vec<u8>, ExtractError> {
    let tool = soffice();
    let dir = scratch()?;
    let input = dir.0.join("plan.doc");
    std::fs::write(&input, bytes)
        .map_err(|e| ExtractError::Tool(format!("cannot write a scratch copy: {e}")))?;
    // A profile of its own: a user's running LibreOffice would otherwise take the job.
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.0.join("profile").display()
    );
    let child = Command::new(&tool)
        .arg(profile)
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "docx",
            "--outdir",
        ])
        .arg(&dir.0)
        .arg(&input)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            ExtractError::Tool(format!(
                "a legacy Word file (.doc/.wps) is converted with LibreOffice, and `{tool}` \
                 cannot be run ({e}): install it (Debian: sudo apt-get install \
                 libreoffice-writer-nogui) or save the file as .docx"
            ))
        })?;
    child::run(child, &[], TIMEOUT).map_err(|e| match e {
        child::Failed::TimedOut => ExtractError::Tool(format!(
            "{tool} took more than {} s to convert the file; it was stopped",
            TIMEOUT.as_secs()
        )),
        child::Failed::Wait(e) => ExtractError::Tool(format!("{tool} failed: {e}")),
    })?;
    read_output(&dir.0.join("plan.docx"), &tool)
}

fn read_output(path: &Path, tool: &str) -> Result<Vec<u8>, ExtractError> {
    std::fs::read(path).map_err(|_| {
        ExtractError::Damaged(format!(
            "{tool} could not convert it to .docx (damaged, or password-protected?)"
        ))
    })
}
