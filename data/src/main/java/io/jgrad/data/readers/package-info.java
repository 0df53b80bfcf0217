/**
 * Readers for data files: IDX (the MNIST family's format, plain or gzipped), CSV with a header
 * for tabular data, and the {@link io.jgrad.data.readers.FashionMnist} helper. A malformed file
 * gives a {@link io.jgrad.data.readers.MalformedDataException} that names the file and the
 * problem; I/O failures (a missing file) stay {@link java.io.IOException}s.
 */
package io.jgrad.data.readers;
