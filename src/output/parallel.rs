//! A whole input decoded, explained and written on several threads: the finding and decoding
//! stay in input order on the calling thread (they decide the token numbers and what was
//! skipped), batches of decoded tokens are explained, verified and rendered by workers, and the
//! rendered batches are written in order. The output is byte for byte what writing the tokens
//! one by one gives; memory holds a few batches, not the input's reports.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::ops::ControlFlow;
use std::sync::{Mutex, mpsc};

use super::stream::{Format, ReportWriter, render};
use crate::claims::time::Now;
use crate::input;
use crate::pipeline::{self, Decoded, Run};
use crate::report::{Skipped, TokenReport};
use crate::verify::Verifier;

/// Why a streamed run stopped.
#[derive(Debug, thiserror::Error)]
pub enum StreamError {
    #[error(transparent)]
    Pipeline(#[from] pipeline::Error),
    /// Writing the output failed (a closed pipe, a full disk).
    #[error(transparent)]
    Output(#[from] io::Error),
}

/// A batch is sent to a worker when it holds this many candidates...
const BATCH_CANDIDATES: usize = 256;
/// ... or this many bytes of token text (a few large tokens are spread over the workers too).
const BATCH_BYTES: usize = 128 * 1024;

/// How a run judges each token besides writing it (the exit code's verdict): `judge` runs on
/// the worker next to the rendering, `record` on the calling thread in token order.
pub struct Judge<'a, J> {
    pub judge: &'a (dyn Fn(&TokenReport) -> J + Sync),
    pub record: &'a mut dyn FnMut(J),
}

struct Job {
    seq: u64,
    first_index: usize,
    items: Vec<Decoded>,
}

struct Done<J> {
    seq: u64,
    count: usize,
    bytes: io::Result<Vec<u8>>,
    judged: Vec<J>,
}

/// Explain and render one batch.
fn process<J>(
    job: Job,
    now: Now,
    verifier: Option<&Verifier>,
    format: Format,
    judge: &(dyn Fn(&TokenReport) -> J + Sync),
) -> Done<J> {
    let mut bytes = Vec::new();
    let mut judged = Vec::with_capacity(job.items.len());
    let mut index = job.first_index;
    let mut failed = None;
    for d in job.items {
        let _ = pipeline::explain_decoded(d, now, verifier, &mut |t| {
            if let Err(e) = render(&mut bytes, format, &t, index) {
                failed = Some(e);
                return ControlFlow::Break(());
            }
            judged.push(judge(&t));
            index += 1;
            ControlFlow::Continue(())
        });
    }
    Done {
        seq: job.seq,
        count: index - job.first_index,
        bytes: failed.map_or(Ok(bytes), Err),
        judged,
    }
}

/// Find, decode, explain and write every token of `bytes` with `writer` (not finished: the
/// caller writes the skipped list with [`ReportWriter::finish`]), on up to `threads` threads.
/// `threads: None` uses as many as the machine has (asked only when the input holds more than
/// one batch). With one thread, or an input of fewer than a batch of candidates, no thread is
/// started.
pub fn write_tokens<W: Write, J: Send>(
    bytes: Vec<u8>,
    now: Now,
    verifier: Option<&Verifier>,
    writer: &mut ReportWriter<'_, W>,
    judge: Judge<'_, J>,
    threads: Option<usize>,
) -> Result<Vec<Skipped>, StreamError> {
    let format = writer.format();
    // Asking costs more than decoding a small token (cgroup files are read): only when needed.
    let mut workers = 0;
    let mut workers = move || {
        if workers == 0 {
            workers = threads
                .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
                .clamp(1, 16);
        }
        workers
    };
    let Judge { judge, record } = judge;
    // Two batches may wait for a worker: the finder runs ahead of the workers, not further.
    let (job_tx, job_rx) = mpsc::sync_channel::<Job>(2);
    let job_rx = Mutex::new(job_rx);
    let (done_tx, done_rx) = mpsc::channel::<Done<J>>();
    std::thread::scope(|scope| {
        let mut started = false;
        let mut run = Run::new();
        let mut batch = Vec::new();
        let mut weight = 0;
        let mut next_index = writer.written() + 1;
        let mut batch_first = next_index;
        let mut sent = 0u64;
        let mut order = Order {
            next: 0,
            pending: BTreeMap::new(),
        };
        let mut failed: Option<io::Error> = None;

        let mut dispatch = |batch: Vec<Decoded>,
                            first_index: usize,
                            last: bool,
                            order: &mut Order<J>,
                            writer: &mut ReportWriter<'_, W>|
         -> io::Result<()> {
            let job = Job {
                seq: sent,
                first_index,
                items: batch,
            };
            sent += 1;
            if (last && !started) || workers() == 1 {
                // Not worth a thread: do it here.
                let done = process(job, now, verifier, format, judge);
                return order.arrive(done, writer, record);
            }
            if !started {
                started = true;
                for _ in 0..workers() {
                    let (job_rx, done_tx) = (&job_rx, done_tx.clone());
                    scope.spawn(move || {
                        loop {
                            let next = match job_rx.lock() {
                                Ok(rx) => rx.recv(),
                                Err(poisoned) => poisoned.into_inner().recv(),
                            };
                            let Ok(job) = next else { break };
                            if done_tx
                                .send(process(job, now, verifier, format, judge))
                                .is_err()
                            {
                                break;
                            }
                        }
                    });
                }
            }
            // Blocks while every worker is busy and the queue is full: memory stays bounded.
            let _ = job_tx.send(job);
            while let Ok(done) = done_rx.try_recv() {
                order.arrive(done, writer, record)?;
            }
            Ok(())
        };

        let found = input::find_each_owned(bytes, &mut |f| {
            if let Some(d) = run.decode(f) {
                weight += d.weight();
                next_index += d.reports();
                batch.push(d);
            }
            if batch.len() >= BATCH_CANDIDATES || weight >= BATCH_BYTES {
                let full = std::mem::take(&mut batch);
                weight = 0;
                let first = std::mem::replace(&mut batch_first, next_index);
                if let Err(e) = dispatch(full, first, false, &mut order, writer) {
                    failed = Some(e);
                    return ControlFlow::Break(());
                }
            }
            ControlFlow::Continue(())
        });
        if failed.is_none() && found.is_ok() && !batch.is_empty() {
            let rest = std::mem::take(&mut batch);
            if let Err(e) = dispatch(rest, batch_first, true, &mut order, writer) {
                failed = Some(e);
            }
        }
        // The workers end when the queue closes; wait for the batches still out.
        drop(job_tx);
        drop(done_tx);
        while order.next < sent {
            let Ok(done) = done_rx.recv() else { break };
            if failed.is_none()
                && let Err(e) = order.arrive(done, writer, record)
            {
                failed = Some(e);
            }
        }
        found.map_err(pipeline::Error::from)?;
        if let Some(e) = failed {
            return Err(StreamError::Output(e));
        }
        Ok(run.finish()?)
    })
}

/// Rendered batches that arrived before their turn.
struct Order<J> {
    next: u64,
    pending: BTreeMap<u64, Done<J>>,
}

impl<J> Order<J> {
    /// Take a finished batch; write it and every batch it was holding up.
    fn arrive<W: Write>(
        &mut self,
        done: Done<J>,
        writer: &mut ReportWriter<'_, W>,
        record: &mut dyn FnMut(J),
    ) -> io::Result<()> {
        self.pending.insert(done.seq, done);
        while let Some(done) = self.pending.remove(&self.next) {
            self.next += 1;
            writer.rendered(&done.bytes?, done.count)?;
            done.judged.into_iter().for_each(&mut *record);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::time::Zone;
    use crate::output::text::TextOptions;
    use crate::source::Source;

    fn now() -> Now {
        Now::new(
            chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap_or_default(),
            Zone::utc(),
        )
    }

    /// Many tokens of every kind: plain, nested, opaque, undecodable, large.
    fn input() -> Vec<u8> {
        use base64::Engine as _;
        let b64 = |b: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b);
        let plain = |i: usize| {
            format!(
                "{}.{}.c2ln",
                b64(br#"{"alg":"HS256"}"#),
                b64(format!(r#"{{"sub":"user {i}","exp":1700000600}}"#).as_bytes())
            )
        };
        let nested = format!(
            "{}.{}.",
            b64(br#"{"alg":"none","cty":"JWT"}"#),
            b64(plain(0).as_bytes())
        );
        let big = format!(
            "{}.{}.c2ln",
            b64(br#"{"alg":"HS256"}"#),
            b64(format!(r#"{{"groups":["{}"]}}"#, "g".repeat(150_000)).as_bytes())
        );
        let mut text = String::new();
        for i in 0..2000 {
            match i % 500 {
                7 => text.push_str(&nested),
                9 => text.push_str("eyJhbGciOiJIUzI1NiJ9.e30.x.y"),
                11 => text.push_str(&big),
                _ => text.push_str(&plain(i)),
            }
            text.push('\n');
        }
        text.into_bytes()
    }

    fn run(format: Format, threads: usize) -> (Vec<u8>, Vec<usize>, usize) {
        let source = Source::Stdin;
        let mut writer = ReportWriter::new(Vec::new(), format, &source, "2023-11-14T22:13:20Z");
        let mut seen = Vec::new();
        let skipped = write_tokens(
            input(),
            now(),
            None,
            &mut writer,
            Judge {
                judge: &|t: &TokenReport| t.origin.len(),
                record: &mut |n| seen.push(n),
            },
            Some(threads),
        )
        .expect("decodes");
        let n = skipped.len();
        (writer.finish(&skipped).expect("written"), seen, n)
    }

    #[test]
    fn threads_write_what_one_thread_writes() {
        for format in [Format::Json, Format::Text(TextOptions { color: false })] {
            let one = run(format, 1);
            let many = run(format, 3);
            assert_eq!(one.2, 4, "the undecodable candidates are skipped");
            assert_eq!(
                one.1.len(),
                2000,
                "every token judged once: 4 skipped, 4 nested twice"
            );
            assert_eq!(one.1, many.1, "judged in token order");
            assert!(one.0 == many.0, "the outputs differ");
        }
        // And the JSON is the serialised report.
        let report = pipeline::build(&input(), Source::Stdin, now()).expect("decodes");
        let mut whole = Vec::new();
        super::super::json::write(&mut whole, &report).expect("written");
        assert!(run(Format::Json, 2).0 == whole);
    }

    #[test]
    fn nothing_decodes_is_the_pipelines_error_and_writes_nothing() {
        let source = Source::Stdin;
        let mut writer = ReportWriter::new(Vec::new(), Format::Json, &source, "now");
        let e = write_tokens(
            b"eyJhbGciOiJIUzI1NiJ9.e30".to_vec(),
            now(),
            None,
            &mut writer,
            Judge {
                judge: &|_: &TokenReport| (),
                record: &mut |()| {},
            },
            Some(2),
        )
        .unwrap_err();
        assert!(
            matches!(e, StreamError::Pipeline(pipeline::Error::Token { .. })),
            "{e}"
        );
        assert_eq!(writer.written(), 0);
    }
}
