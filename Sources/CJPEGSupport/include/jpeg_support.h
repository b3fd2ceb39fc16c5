#ifndef INSPEKT_JPEG_SUPPORT_H
#define INSPEKT_JPEG_SUPPORT_H

#include <stddef.h>

/// Room for libjpeg's formatted message (JMSG_LENGTH_MAX is 200).
#define INSPEKT_JPEG_MESSAGE_LENGTH 200

/// A decoded (possibly scaled) RGB image; `rgb` is malloc'd, release with inspekt_jpeg_free.
typedef struct {
    unsigned char *rgb;
    int width;
    int height;
    int image_width;
    int image_height;
    int warnings;
    /// Non-zero when the data ended before the image did (libjpeg's "Premature end of JPEG file" or
    /// "premature end of data segment"): the missing part was decoded as grey.
    int premature_end;
    /// Bytes of the file libjpeg took in (inspekt_jpeg_sample_grey).
    unsigned long bytes_read;
    /// Non-zero when every row of the (scaled) picture was decoded (inspekt_jpeg_sample_grey).
    int whole;
    char message[INSPEKT_JPEG_MESSAGE_LENGTH];
} inspekt_jpeg_image;

/// Decodes a JPEG held in memory at 1/scale_denom (1, 2, 4 or 8) into RGB.
/// Returns 0 on success; otherwise non-zero with `message` saying why. Never exits the process.
int inspekt_jpeg_decode(const unsigned char *data, unsigned long size, int scale_denom,
                        inspekt_jpeg_image *image);

/// Decodes the top of a JPEG read from `fd` as grey rows (in `rgb`, one byte a pixel), at the DCT scale that
/// keeps them at least `sample_width` wide: rows worth `min_sample_rows` at that width, then more until
/// `max_bytes` of the file were read or the image ended; the rest of the file is not read. An image of more
/// than `max_pixels` gives its size and no rows. Returns 0 on success; otherwise non-zero with `message`.
int inspekt_jpeg_sample_grey(int fd, int sample_width, int min_sample_rows, unsigned long max_bytes,
                             unsigned long max_pixels, inspekt_jpeg_image *image);

/// Releases the pixels of a decoded image.
void inspekt_jpeg_free(inspekt_jpeg_image *image);

/// Encodes RGB pixels as a baseline JPEG into a malloc'd buffer (release with free()).
/// Returns 0 on success; otherwise non-zero with `message` (INSPEKT_JPEG_MESSAGE_LENGTH bytes) saying why.
int inspekt_jpeg_encode(const unsigned char *rgb, int width, int height, int quality,
                        unsigned char **output, unsigned long *output_size, char *message);

#endif
