//! `jwtscope keygen`: a test issuer in one line. A private key (PKCS#8 PEM, mode 0600) and its
//! public JWK Set (`kid` = RFC 7638 thumbprint), so `encode --key NAME.pem` signs and
//! `jwtscope --key NAME.jwks.json` verifies.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::verify::signing::{Curve, KeyKind, SigningKey};

/// Make a key pair for testing: NAME.pem (the private key, mode 0600) and NAME.jwks.json
/// (its public JWK Set, kid = RFC 7638 thumbprint). For oct, only NAME.jwks.json (mode
/// 0600), which holds the secret.
#[derive(clap::Args, Debug, Clone, PartialEq, Eq)]
#[command(after_help = "Example:
  jwtscope keygen ec --out test
  jwtscope encode --key test.pem --iss https://test --exp +1h | jwtscope --key test.jwks.json --check")]
pub struct KeygenArgs {
    /// The key type
    #[arg(value_enum)]
    pub kind: KindArg,

    /// RSA modulus size (2048 to 8192, default 2048), or oct secret size (256 to 512,
    /// default 256)
    #[arg(long, value_name = "N")]
    pub bits: Option<usize>,

    /// EC curve
    #[arg(long, value_enum, default_value_t = CurveArg::P256)]
    pub curve: CurveArg,

    /// Base name of the files written (NAME.pem, NAME.jwks.json); existing files are never
    /// overwritten
    #[arg(long, value_name = "NAME")]
    pub out: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum KindArg {
    Rsa,
    Ec,
    Ed25519,
    /// An HMAC secret (HS256/384/512)
    Oct,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CurveArg {
    #[value(name = "P-256")]
    P256,
    #[value(name = "P-384")]
    P384,
    #[value(name = "P-521")]
    P521,
}

/// Why no key was written.
#[derive(Debug, thiserror::Error)]
pub enum KeygenError {
    /// Exit 2.
    #[error("{0}")]
    Usage(String),
    /// Exit 1.
    #[error("{0}")]
    Write(String),
}

impl KeygenError {
    pub fn exit_code(&self) -> u8 {
        match self {
            KeygenError::Usage(_) => 2,
            KeygenError::Write(_) => 1,
        }
    }
}

/// What was written, for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub private: Option<PathBuf>,
    pub jwks: PathBuf,
    pub kid: String,
    pub alg: String,
}

/// Generate the key and write its files.
pub fn keygen(args: &KeygenArgs) -> Result<Written, KeygenError> {
    use KeygenError::{Usage, Write};
    let kind = match (args.kind, args.bits) {
        (KindArg::Rsa, bits) => {
            let bits = bits.unwrap_or(2048);
            if !(2048..=8192).contains(&bits) {
                return Err(Usage(format!(
                    "--bits {bits}: RSA keys are 2048 to 8192 bits (RFC 7518 §3.3 requires 2048 or more)"
                )));
            }
            KeyKind::Rsa(bits)
        }
        (KindArg::Oct, bits) => {
            let bits = bits.unwrap_or(256);
            // RFC 7518 §3.2: an HMAC key at least as long as the hash. The key set names the
            // longest algorithm the secret is long enough for (256: HS256, 384: HS384, 512:
            // HS512); `encode` warns about anything shorter, so keygen does not make it.
            if !(256..=512).contains(&bits) || bits % 8 != 0 {
                return Err(Usage(format!(
                    "--bits {bits}: oct secrets are 256 to 512 bits, a multiple of 8 (RFC 7518 §3.2: HS256 needs 256, HS384 384, HS512 512)"
                )));
            }
            KeyKind::Oct(bits / 8)
        }
        (KindArg::Ec | KindArg::Ed25519, Some(_)) => {
            return Err(Usage(
                "--bits is for rsa and oct; EC keys take --curve, Ed25519 keys have one size"
                    .to_string(),
            ));
        }
        (KindArg::Ec, None) => KeyKind::Ec(match args.curve {
            CurveArg::P256 => Curve::P256,
            CurveArg::P384 => Curve::P384,
            CurveArg::P521 => Curve::P521,
        }),
        (KindArg::Ed25519, None) => KeyKind::Ed25519,
    };
    let name = args.out.as_os_str().to_string_lossy();
    if name.is_empty() || name.ends_with('/') {
        return Err(Usage(
            "--out needs a file name (NAME.pem and NAME.jwks.json are written)".into(),
        ));
    }
    let pem_path = PathBuf::from(format!("{name}.pem"));
    let jwks_path = PathBuf::from(format!("{name}.jwks.json"));
    let key = SigningKey::generate(kind).map_err(Write)?;
    let pem = key.to_pkcs8_pem().map_err(Write)?;
    let jwk = key.public_jwk();
    let kid = jwk
        .get("kid")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let alg = key.default_alg();
    let mut set = serde_json::to_string_pretty(&json!({ "keys": [Value::Object(jwk)] }))
        .map_err(|e| Write(e.to_string()))?;
    set.push('\n');
    // Refuse before writing anything, so a half-written pair is never left behind.
    for path in std::iter::once(&jwks_path).chain(pem.as_ref().map(|_| &pem_path)) {
        if path.exists() {
            return Err(Write(format!(
                "{} exists; remove it or choose another --out",
                path.display()
            )));
        }
    }
    let secret_set = pem.is_none();
    if let Some(pem) = &pem {
        write_new(&pem_path, pem.as_bytes(), true)?;
    }
    write_new(&jwks_path, set.as_bytes(), secret_set)?;
    Ok(Written {
        private: pem.map(|_| pem_path),
        jwks: jwks_path,
        kid,
        alg,
    })
}

/// Create `path` (never overwriting); `private` files are readable by their owner only.
fn write_new(path: &Path, bytes: &[u8], private: bool) -> Result<(), KeygenError> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(if private { 0o600 } else { 0o644 });
    }
    #[cfg(not(unix))]
    let _ = private;
    let fail =
        |e: std::io::Error| KeygenError::Write(format!("cannot write {}: {e}", path.display()));
    let mut file = options.open(path).map_err(fail)?;
    file.write_all(bytes).map_err(fail)?;
    file.sync_all().map_err(fail)
}
