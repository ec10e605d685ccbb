package org.ccm.monthend.importing;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * The database failed during an import (a lock wait, a deadlock, a lost connection): the import stopped, and no
 * row was rejected for it. Each batch is its own transaction and rows are upserted by key, so running the same
 * import again completes it.
 */
public class ImportFailedException extends DataAccessResourceFailureException {

    ImportFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
