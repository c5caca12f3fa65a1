/**
 * Spark jobs (batch extraction, parallel training): thin orchestration over pipeline-core. Filled in by the
 * Spark issues; the module exists now so the build's layout and version pins are settled from the start.
 */
package org.digitocr.spark;
