/**
 * The review station: people verify the fields a run sent to review, in a browser, and their decisions become
 * data (a corrections table) that exports and training read.
 */
package org.digitocr.review;
