package io.nereid.kv.lmdb;

import java.util.concurrent.locks.LockSupport;

/**
 * Forces the write-ahead log on a thread of its own, so that the leader can commit a round's LMDB
 * transactions at the same time (their page writes; partitions do not fsync at commit). Two fsyncs of different files issued
 * together cost about one on ext4 (one journal commit and one cache flush serve both: 78 µs alone,
 * 93 µs each when two run together on the dev VM), where one after the other cost two.
 *
 * <p>Used by the leader only (holding the log role), one request at a time: {@link #start} then
 * {@link #await}. The thread is a daemon that parks between requests; it is never interrupted, so
 * the log's channel is never closed by an interrupt here.
 */
final class LogSyncer implements AutoCloseable {

  private static final int IDLE = 0;
  private static final int REQUESTED = 1;
  private static final int DONE = 2;
  /** Checks of the state before the leader parks: the force usually ends before the commit. */
  private static final int SPINS = 64;

  private final WriteAheadLog log;
  private final Thread thread;
  private volatile int state = IDLE;
  private volatile Throwable failure;
  private volatile Thread requester;
  /** Whether the requester is (about to be) parked: saves the unpark call when it is not. */
  private volatile boolean requesterParked;
  private volatile boolean closed;

  LogSyncer(WriteAheadLog log, String name) {
    this.log = log;
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Starts forcing the log (everything appended so far); the last request must be awaited. */
  void start() {
    if (state != IDLE) {
      throw new IllegalStateException("the last force was not awaited");
    }
    failure = null;
    requesterParked = false;
    requester = Thread.currentThread();
    state = REQUESTED;
    LockSupport.unpark(thread);
  }

  /**
   * Waits until the force started by {@link #start} has ended; returns its failure, or null.
   * Interrupts that arrive meanwhile are left set for the caller (the wait ignores them). Once
   * awaited, returns the same at once until the next start.
   */
  Throwable await() {
    if (state == IDLE) {
      return failure;
    }
    for (int i = 0; i < SPINS && state != DONE; i++) {
      Thread.onSpinWait();
    }
    boolean interrupted = false;
    while (state != DONE) {
      requesterParked = true;
      if (state != DONE) {
        LockSupport.park(this);
      }
      interrupted |= Thread.interrupted();
    }
    requesterParked = false;
    state = IDLE;
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return failure;
  }

  private void run() {
    while (!closed) {
      if (state != REQUESTED) {
        LockSupport.park(this);
        continue;
      }
      try {
        log.force();
      } catch (Throwable t) {
        failure = t;
      }
      state = DONE;
      if (requesterParked) {
        LockSupport.unpark(requester);
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(thread);
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
