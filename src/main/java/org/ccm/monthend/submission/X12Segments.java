package org.ccm.monthend.submission;

import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamWriter;

/** How both X12 writers (the 837P here, the synthetic payer's 835) put one segment through StAEDI. */
public final class X12Segments {

    private X12Segments() {
    }

    /** Writes {@code tag} and its elements, leaving out trailing empty elements as the TR3s require. */
    public static void write(EDIStreamWriter edi, String tag, String... elements) throws EDIStreamException {
        edi.writeStartSegment(tag);
        int last = elements.length;
        while (last > 0 && elements[last - 1].isEmpty()) {
            last--;
        }
        for (int i = 0; i < last; i++) {
            if (elements[i].isEmpty()) {
                edi.writeEmptyElement();
            }
            else {
                edi.writeElement(elements[i]);
            }
        }
        edi.writeEndSegment();
    }
}
