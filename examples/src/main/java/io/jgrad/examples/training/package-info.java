/**
 * What every training job shares: the epoch loop, the progress bar, metrics, training history and
 * charts, and the resumable safetensors checkpoint.
 */
package io.jgrad.examples.training;
