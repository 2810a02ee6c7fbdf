package io.nereid.gremlin.structure;

import io.nereid.kv.WriteConflictException;
import org.apache.tinkerpop.gremlin.structure.util.TemporaryException;

/**
 * The kv layer's {@link WriteConflictException} marked as a TinkerPop {@link TemporaryException},
 * which Gremlin Server answers with status 596 (SERVER_ERROR_TEMPORARY): "run it again".
 *
 * <p>It is the cause of the {@link org.apache.tinkerpop.gremlin.structure.util.TransactionException}
 * a lost commit throws, and has no cause itself, because Gremlin Server's script executor passes on
 * only the root cause of a failed script: the marker must be the root to be seen.
 */
public final class RetryableWriteConflictException extends WriteConflictException
    implements TemporaryException {

  private RetryableWriteConflictException(WriteConflictException conflict) {
    super(conflict.getMessage());
    setStackTrace(conflict.getStackTrace());
  }

  static RetryableWriteConflictException of(WriteConflictException conflict) {
    return conflict instanceof RetryableWriteConflictException r
        ? r : new RetryableWriteConflictException(conflict);
  }
}
