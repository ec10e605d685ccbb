package org.ccm.monthend.close;

import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What a close said while it ran, one line per call, for the tests to read. */
final class RecordedProgress implements CloseProgress {

    final List<String> said = new CopyOnWriteArrayList<>();

    @Override
    public void starting(YearMonth month, int revision) {
        said.add("starting " + month + " revision " + revision);
    }

    @Override
    public void recovering(long executionId, String status) {
        said.add("recovering " + executionId + " " + status);
    }

    @Override
    public void resuming(long executionId, String status) {
        said.add("resuming " + executionId + " " + status);
    }

    @Override
    public void retrying(long executionId, String cause, int attempt, int retries) {
        said.add("retrying " + executionId + " (" + cause + ") retry " + attempt + " of " + retries);
    }
}
