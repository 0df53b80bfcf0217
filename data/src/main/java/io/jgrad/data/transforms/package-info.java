/**
 * Image transforms on tensors shaped {@code (C, H, W)} or batched {@code (N, C, H, W)}:
 * {@link io.jgrad.data.transforms.ToTensor}, {@link io.jgrad.data.transforms.Normalize},
 * {@link io.jgrad.data.transforms.RandomHorizontalFlip} and {@link io.jgrad.data.transforms.RandomCrop},
 * chained with {@link io.jgrad.data.transforms.Compose}. Random transforms draw from a seeded
 * {@link io.jgrad.core.Generator}, and on a batch they draw independently for each image.
 */
package io.jgrad.data.transforms;
