package io.nereid.gremlin.structure;

import io.nereid.graph.GraphException;
import io.nereid.graph.GraphTxn;
import io.nereid.kv.KvException;
import io.nereid.kv.WriteConflictException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.tinkerpop.gremlin.structure.util.AbstractThreadLocalTransaction;
import org.apache.tinkerpop.gremlin.structure.util.TransactionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TinkerPop's thread-bound transaction over a graph-layer {@link GraphTxn}. Each thread has its own
 * buffered transaction: no LMDB lock is held until commit, so one thread can commit while another
 * holds open writes, and any number of threads can write at once.
 *
 * <p>A commit that loses a write-write conflict throws a {@link TransactionException} whose cause
 * is a {@link WriteConflictException}: retry the whole transaction. (The cause is a {@link
 * RetryableWriteConflictException}, also a TinkerPop TemporaryException, so that Gremlin Server
 * answers it with the retryable status 596 (SERVER_ERROR_TEMPORARY).)
 */
public final class NereidTransaction extends AbstractThreadLocalTransaction {

  private static final Logger log = LoggerFactory.getLogger(NereidTransaction.class);

  private final NereidGraph graph;
  private final ThreadLocal<GraphTxn> current = new ThreadLocal<>();
  /**
   * Every open transaction by its thread, so that one whose thread ended without commit or
   * rollback is found and rolled back: Gremlin Server ends a session's thread without a rollback
   * when the session's connection drops, and the transaction would keep its store snapshot (which
   * holds back LMDB page reuse and map growth) forever.
   */
  private final Map<Thread, GraphTxn> openByThread = new ConcurrentHashMap<>();
  /** Graph scans still open in this thread's transaction: they end with it. */
  private final ThreadLocal<Set<NereidIterator<?>>> openScans =
      ThreadLocal.withInitial(() -> Collections.newSetFromMap(new IdentityHashMap<>()));

  NereidTransaction(NereidGraph graph) {
    super(graph);
    this.graph = graph;
  }

  /** The calling thread's graph transaction, opened if needed (per the read-write behaviour). */
  GraphTxn txn() {
    readWrite();
    GraphTxn t = current.get();
    if (t == null) {
      throw new IllegalStateException(
          "no open transaction on this thread (read-write behaviour is MANUAL: call tx().open())");
    }
    return t;
  }

  void track(NereidIterator<?> it) {
    openScans.get().add(it);
  }

  void untrack(NereidIterator<?> it) {
    openScans.get().remove(it);
  }

  /** Closes the scans of the ending transaction (their kv cursors are closed with it anyway). */
  private void closeScans() {
    Set<NereidIterator<?>> open = openScans.get();
    if (!open.isEmpty()) {
      for (NereidIterator<?> it : new ArrayList<>(open)) {
        it.close();
      }
      open.clear();
    }
  }

  @Override
  public boolean isOpen() {
    return current.get() != null;
  }

  @Override
  protected void doOpen() {
    rollbackOrphans();
    GraphTxn t = graph.store().begin();
    current.set(t);
    openByThread.put(Thread.currentThread(), t);
  }

  /**
   * Rolls back the transactions whose threads have ended; returns how many. Called whenever a
   * transaction opens and when the graph closes.
   */
  int rollbackOrphans() {
    int n = 0;
    for (Map.Entry<Thread, GraphTxn> e : openByThread.entrySet()) {
      if (!e.getKey().isAlive() && openByThread.remove(e.getKey(), e.getValue())) {
        e.getValue().close(); // its thread is gone: nothing else can be using it
        n++;
      }
    }
    if (n > 0) {
      log.info("rolled back {} transactions left open by ended threads", n);
    }
    return n;
  }

  @Override
  protected void doCommit() throws TransactionException {
    closeScans();
    GraphTxn t = current.get();
    current.remove();
    openByThread.remove(Thread.currentThread());
    try (t) {
      t.commit();
    } catch (WriteConflictException e) {
      throw new TransactionException(
          "commit lost a write conflict with a concurrent transaction; retry it: " + e.getMessage(),
          RetryableWriteConflictException.of(e));
    } catch (KvException | GraphException e) {
      throw new TransactionException("commit failed: " + e.getMessage(), e);
    }
  }

  @Override
  protected void doRollback() throws TransactionException {
    closeScans();
    GraphTxn t = current.get();
    current.remove();
    openByThread.remove(Thread.currentThread());
    if (t != null) {
      t.close();
    }
  }
}
