package org.ccm.monthend.preview;

import java.nio.file.Path;
import java.time.YearMonth;

/** Where previews go: {@code <output-dir>/previews/<M>/<run>/}, apart from the close's {@code <output-dir>/<M>/}. */
public final class PreviewFiles {

    private PreviewFiles() {
    }

    public static Path published(Path outputDir, YearMonth month, String run) {
        return outputDir.resolve("previews").resolve(month.toString()).resolve(run);
    }

    /** A hidden sibling of the published folder, renamed onto it when the preview is complete. */
    static Path staging(Path outputDir, YearMonth month, String run) {
        return outputDir.resolve("previews").resolve(month.toString()).resolve("." + run + ".partial");
    }
}
