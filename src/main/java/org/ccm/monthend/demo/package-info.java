/** A deterministic synthetic practice for trying the product and for benchmarks: into the database or as the input CSV files. */
package org.ccm.monthend.demo;
