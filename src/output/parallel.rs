//! A whole input decoded, explained and written on several threads: the finding stays in
//! input order on the calling thread, batches of candidates are decoded, explained, verified
//! and rendered by workers (each batch whole on one worker: what a token allocates is freed
//! where it was allocated), and the calling thread counts and numbers the rendered batches
//! and writes them in order. The output is byte for byte what writing the tokens one by one
//! gives; memory holds a few batches, not the input's reports.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::ops::ControlFlow;
use std::sync::{Mutex, mpsc};

use super::stream::{Format, ReportWriter, render_unnumbered};
use crate::claims::time::Now;
use crate::input;
use crate::input::Found;
use crate::pipeline::{self, Run, Undecodable};
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
const BATCH_CANDIDATES: usize = 1024;
/// ... or this many bytes of token text (a few large tokens are spread over the workers too).
const BATCH_BYTES: usize = 128 * 1024;

/// How a run judges each token besides writing it (the exit code's verdict): `judge` runs on
/// the worker next to the rendering, `record` on the calling thread in token order.
pub struct Judge<'a, J> {
    pub judge: &'a (dyn Fn(&TokenReport) -> J + Sync),
    pub record: &'a mut dyn FnMut(J),
}

/// Candidates for a worker, in input order; batch `seq` of the input.
struct Job {
    seq: u64,
    items: Vec<Found>,
}

/// A batch done: what each candidate gave, and its reports rendered without their numbers
/// (the tokens before them may not be counted yet).
struct Done<J> {
    seq: u64,
    /// Each candidate's number of reports, or why it did not decode.
    outcomes: Vec<Result<usize, Undecodable>>,
    bytes: io::Result<Vec<u8>>,
    /// Where each report's number goes in `bytes` ([`ReportWriter::rendered`]).
    marks: Vec<usize>,
    judged: Vec<J>,
}

/// Output buffers written and handed back for the next batches: a batch renders hundreds of
/// kilobytes, and a fresh buffer each time costs a page fault per 4 KB.
type Pool = Mutex<Vec<Vec<u8>>>;

/// At most this many spare buffers are kept.
const POOL: usize = 8;

/// What every job needs.
struct Ctx<'a, J> {
    now: Now,
    verifier: Option<&'a Verifier>,
    format: Format,
    judge: &'a (dyn Fn(&TokenReport) -> J + Sync),
    pool: &'a Pool,
}

fn lock(pool: &Pool) -> std::sync::MutexGuard<'_, Vec<Vec<u8>>> {
    match pool.lock() {
        Ok(guard) => guard,
        Err(poisoned) => poisoned.into_inner(),
    }
}

/// Decode, explain and render a batch (on a worker).
fn work<J>(job: Job, ctx: &Ctx<'_, J>) -> Done<J> {
    let Job { seq, items } = job;
    let mut bytes = lock(ctx.pool).pop().unwrap_or_default();
    bytes.clear();
    let mut outcomes = Vec::with_capacity(items.len());
    let mut marks = Vec::with_capacity(items.len());
    let mut judged = Vec::with_capacity(items.len());
    let mut failed = None;
    for f in items {
        let d = match pipeline::decode(f) {
            Ok(d) => d,
            Err(u) => {
                outcomes.push(Err(u));
                continue;
            }
        };
        outcomes.push(Ok(d.reports()));
        let explained = explain_each(d, ctx, |t| {
            marks.push(render_unnumbered(&mut bytes, ctx.format, t)?);
            judged.push((ctx.judge)(t));
            Ok(())
        });
        if let Err(e) = explained {
            failed = Some(e);
            break;
        }
    }
    Done {
        seq,
        outcomes,
        bytes: failed.map_or(Ok(bytes), Err),
        marks,
        judged,
    }
}

/// Explain a decoded candidate and hand each of its reports to `each`, in order; stops at
/// its first error.
fn explain_each<J>(
    d: pipeline::Decoded,
    ctx: &Ctx<'_, J>,
    mut each: impl FnMut(&TokenReport) -> io::Result<()>,
) -> io::Result<()> {
    let mut failed = None;
    let _ = pipeline::explain_decoded(d, ctx.now, ctx.verifier, &mut |t| match each(&t) {
        Ok(()) => ControlFlow::Continue(()),
        Err(e) => {
            failed = Some(e);
            ControlFlow::Break(())
        }
    });
    failed.map_or(Ok(()), Err)
}

/// The calling thread's part: takes the done batches in input order, counts their tokens and
/// skipped candidates, and writes them numbered.
struct Sequencer<'p, J> {
    run: Run,
    sent: u64,
    next: u64,
    done: BTreeMap<u64, Done<J>>,
    pool: &'p Pool,
}

impl<J> Sequencer<'_, J> {
    fn job(&mut self, items: Vec<Found>) -> Job {
        self.sent += 1;
        Job {
            seq: self.sent - 1,
            items,
        }
    }

    /// Jobs still out.
    fn outstanding(&self) -> bool {
        self.next < self.sent
    }

    /// Do batch `job` on this thread, writing each token to `writer` as it is explained (a
    /// large token is never held rendered whole). Without workers, batches come in order.
    fn here<W: Write>(
        &mut self,
        job: Job,
        ctx: &Ctx<'_, J>,
        writer: &mut ReportWriter<'_, W>,
        record: &mut dyn FnMut(J),
    ) -> io::Result<()> {
        debug_assert_eq!(job.seq, self.next);
        self.next += 1;
        for f in job.items {
            if let Some(d) = self.run.decode(f) {
                explain_each(d, ctx, |t| {
                    writer.token(t)?;
                    record((ctx.judge)(t));
                    Ok(())
                })?;
            }
        }
        Ok(())
    }

    /// Take a batch done by a worker, and write the ones now in order.
    fn arrive<W: Write>(
        &mut self,
        done: Done<J>,
        writer: &mut ReportWriter<'_, W>,
        record: &mut dyn FnMut(J),
    ) -> io::Result<()> {
        self.done.insert(done.seq, done);
        while let Some(d) = self.done.remove(&self.next) {
            self.next += 1;
            d.outcomes.into_iter().for_each(|o| self.run.count(o));
            let bytes = d.bytes?;
            writer.rendered(&bytes, &d.marks)?;
            let mut spare = lock(self.pool);
            if spare.len() < POOL {
                spare.push(bytes);
            }
            drop(spare);
            d.judged.into_iter().for_each(&mut *record);
        }
        Ok(())
    }
}

/// Find, decode, explain and write every token of `bytes` with `writer` (not finished: the
/// caller writes the skipped list with [`ReportWriter::finish`]), on up to `threads` threads.
/// `threads: None` uses as many as the machine has (asked only when the input holds more than
/// one batch). With one thread, or an input of at most one batch of candidates, no thread is
/// started.
pub fn write_tokens<W: Write, J: Send>(
    bytes: Vec<u8>,
    now: Now,
    verifier: Option<&Verifier>,
    writer: &mut ReportWriter<'_, W>,
    judge: Judge<'_, J>,
    threads: Option<usize>,
) -> Result<Vec<Skipped>, StreamError> {
    let Judge { judge, record } = judge;
    let pool = Pool::default();
    let ctx = Ctx {
        now,
        verifier,
        format: writer.format(),
        judge,
        pool: &pool,
    };
    let ctx = &ctx;
    // Two jobs may wait for a worker: the finder runs ahead of the workers, not further.
    let (job_tx, job_rx) = mpsc::sync_channel::<Job>(2);
    let job_rx = Mutex::new(job_rx);
    let (done_tx, done_rx) = mpsc::channel::<Done<J>>();
    let mut seq = Sequencer {
        run: Run::new(),
        sent: 0,
        next: 0,
        done: BTreeMap::new(),
        pool: &pool,
    };
    std::thread::scope(|scope| {
        // Threads are started at the second full batch, when the machine has more than one core
        // (asking costs more than decoding a small token: cgroup files are read).
        let mut threaded = false;
        let start = |threaded: &mut bool| {
            let workers = threads
                .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
                .clamp(1, 16);
            if workers < 2 {
                return;
            }
            *threaded = true;
            for _ in 0..workers {
                let (job_rx, done_tx) = (&job_rx, done_tx.clone());
                scope.spawn(move || {
                    loop {
                        let next = match job_rx.lock() {
                            Ok(rx) => rx.recv(),
                            Err(poisoned) => poisoned.into_inner().recv(),
                        };
                        let Ok(job) = next else { break };
                        if done_tx.send(work(job, ctx)).is_err() {
                            break;
                        }
                    }
                });
            }
        };
        // Do `job` here, or hand it to the workers (then write what has come back meanwhile).
        let pump = |job: Job,
                    threaded: bool,
                    seq: &mut Sequencer<'_, J>,
                    writer: &mut ReportWriter<'_, W>,
                    record: &mut dyn FnMut(J)|
         -> io::Result<()> {
            if !threaded {
                return seq.here(job, ctx, writer, record);
            }
            // Blocks while the workers are busy and the queue is full: memory stays bounded.
            // Their answers queue up meanwhile (that channel never blocks).
            let _ = job_tx.send(job);
            while let Ok(done) = done_rx.try_recv() {
                seq.arrive(done, writer, record)?;
            }
            Ok(())
        };

        let mut failed: Option<io::Error> = None;
        let mut batch = Vec::new();
        let mut weight = 0;
        let found = input::find_each_owned(bytes, &mut |f| {
            weight += f.candidate.text().len();
            batch.push(f);
            if batch.len() >= BATCH_CANDIDATES || weight >= BATCH_BYTES {
                // The first batch is done here: an input of one large token (or a few) is not
                // worth starting threads for; the second batch starts them.
                if seq.sent == 1 {
                    start(&mut threaded);
                }
                weight = 0;
                // The next batch has its full size from the start (not grown by doubling).
                let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH_CANDIDATES));
                let job = seq.job(full);
                if let Err(e) = pump(job, threaded, &mut seq, writer, record) {
                    failed = Some(e);
                    return ControlFlow::Break(());
                }
            }
            ControlFlow::Continue(())
        });
        if failed.is_none() && found.is_ok() && !batch.is_empty() {
            let job = seq.job(std::mem::take(&mut batch));
            if let Err(e) = pump(job, threaded, &mut seq, writer, record) {
                failed = Some(e);
            }
        }
        // Wait for the jobs still out.
        while threaded && failed.is_none() && seq.outstanding() {
            let Ok(done) = done_rx.recv() else { break };
            if let Err(e) = seq.arrive(done, writer, record) {
                failed = Some(e);
            }
        }
        // The workers end when the queue closes.
        drop(job_tx);
        drop(done_tx);
        found.map_err(pipeline::Error::from)?;
        if let Some(e) = failed {
            return Err(StreamError::Output(e));
        }
        Ok(std::mem::take(&mut seq.run).finish()?)
    })
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
        for format in [
            Format::Json,
            Format::Text(TextOptions {
                color: false,
                width: None,
            }),
            Format::Text(TextOptions {
                color: true,
                width: None,
            }),
        ] {
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
