/** Datasets, data loaders with background prefetch, image transforms, and IDX/CSV readers. */
package io.jgrad.data;
