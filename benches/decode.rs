//! Decoding speed: the jwt.io-style HS256 token and a 260 KB Entra token with 5000 groups,
//! through the whole pipeline (find, decode, explain) and through JSON output.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/common/mod.rs"]
mod common;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

use jwtscope::pipeline;
use jwtscope::source::Source;

const JWT_IO: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

fn bench(c: &mut Criterion) {
    let now: chrono::DateTime<chrono::Utc> = chrono::DateTime::parse_from_rfc3339(common::NOW)
        .unwrap()
        .into();
    let big = common::big_token(5000);
    let mut g = c.benchmark_group("report");
    for (name, token) in [
        ("jwtio-hs256", JWT_IO.to_string()),
        ("entra-5000-groups", big),
    ] {
        g.throughput(Throughput::Bytes(token.len() as u64));
        g.bench_function(format!("build/{name}"), |b| {
            b.iter(|| pipeline::build(black_box(token.as_bytes()), Source::Stdin, now).unwrap());
        });
        let r = pipeline::build(token.as_bytes(), Source::Stdin, now).unwrap();
        g.bench_function(format!("json/{name}"), |b| {
            b.iter(|| {
                let mut out = Vec::with_capacity(1 << 20);
                jwtscope::output::json::write(&mut out, black_box(&r)).unwrap();
                out
            });
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
