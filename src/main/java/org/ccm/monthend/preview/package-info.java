/** The preview of a month in progress: the close's reader and rules, written as a progress report (never claims, never the close's files or tables). */
package org.ccm.monthend.preview;
