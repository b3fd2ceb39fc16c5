// libjpeg reports fatal errors through error_exit, which must not return; its default calls exit().
// Swift cannot longjmp, so this file owns the setjmp/longjmp that turns those errors into a return code.
#include "jpeg_support.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <jpeglib.h>
#include <jerror.h>

typedef struct {
    struct jpeg_error_mgr base;
    jmp_buf jump;
    char *message;
    // Set when the data ended before the image did: libjpeg then fills the rest with grey and only warns.
    int premature_end;
} guarded_error_mgr;

static void guarded_error_exit(j_common_ptr cinfo) {
    guarded_error_mgr *err = (guarded_error_mgr *)cinfo->err;
    if (err->message) {
        (*cinfo->err->format_message)(cinfo, err->message);
    }
    longjmp(err->jump, 1);
}

// Warnings (corrupt data, premature end) are counted, never printed: stderr may be a curses screen.
static void quiet_emit_message(j_common_ptr cinfo, int msg_level) {
    if (msg_level < 0) {
        cinfo->err->num_warnings++;
        int code = cinfo->err->msg_code;
        if (code == JWRN_JPEG_EOF || code == JWRN_HIT_MARKER) {
            ((guarded_error_mgr *)cinfo->err)->premature_end = 1;
        }
    }
}

static void quiet_output_message(j_common_ptr cinfo) {
    (void)cinfo;
}

static void install_guard(guarded_error_mgr *err, char *message) {
    jpeg_std_error(&err->base);
    err->base.error_exit = guarded_error_exit;
    err->base.emit_message = quiet_emit_message;
    err->base.output_message = quiet_output_message;
    err->message = message;
    err->premature_end = 0;
}

int inspekt_jpeg_decode(const unsigned char *data, unsigned long size, int scale_denom,
                        inspekt_jpeg_image *image) {
    struct jpeg_decompress_struct cinfo;
    guarded_error_mgr err;
    // volatile: these change between setjmp and a possible longjmp.
    unsigned char *volatile pixels = NULL;

    memset(image, 0, sizeof(*image));
    install_guard(&err, image->message);
    cinfo.err = &err.base;
    if (setjmp(err.jump)) {
        free(pixels);
        jpeg_destroy_decompress(&cinfo);
        image->rgb = NULL;
        return 1;
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, data, size);
    jpeg_read_header(&cinfo, TRUE);
    image->image_width = (int)cinfo.image_width;
    image->image_height = (int)cinfo.image_height;
    cinfo.scale_num = 1;
    cinfo.scale_denom = (unsigned int)(scale_denom > 0 ? scale_denom : 1);
    cinfo.out_color_space = JCS_RGB;
    cinfo.dct_method = JDCT_IFAST;
    jpeg_start_decompress(&cinfo);

    size_t stride = (size_t)cinfo.output_width * 3;
    pixels = malloc(stride * cinfo.output_height);
    if (pixels == NULL) {
        snprintf(image->message, INSPEKT_JPEG_MESSAGE_LENGTH, "out of memory");
        jpeg_destroy_decompress(&cinfo);
        return 2;
    }
    while (cinfo.output_scanline < cinfo.output_height) {
        JSAMPROW row = pixels + stride * cinfo.output_scanline;
        jpeg_read_scanlines(&cinfo, &row, 1);
    }
    image->width = (int)cinfo.output_width;
    image->height = (int)cinfo.output_height;
    jpeg_finish_decompress(&cinfo);
    image->warnings = (int)err.base.num_warnings;
    image->premature_end = err.premature_end;
    jpeg_destroy_decompress(&cinfo);
    image->rgb = pixels;
    return 0;
}

// The sampled decode's source: the file read with `pread` from its start in blocks of 64 KiB. libjpeg-turbo's
// fast Huffman path runs only while a whole MCU's worst case (512 bytes a block) is in the buffer: with stdio's
// 4 KiB blocks most of a large photo's MCUs took the slow path, bit by bit.
#define SAMPLE_READ_BLOCK (64 * 1024)

typedef struct {
    struct jpeg_source_mgr pub;
    int fd;
    JOCTET *buffer;
    // Bytes of the file read into the buffer so far.
    unsigned long total;
} block_source_mgr;

static void block_init_source(j_decompress_ptr cinfo) {
    (void)cinfo;
}

static boolean block_fill_input_buffer(j_decompress_ptr cinfo) {
    block_source_mgr *src = (block_source_mgr *)cinfo->src;
    ssize_t got;
    do {
        got = pread(src->fd, src->buffer, SAMPLE_READ_BLOCK, (off_t)src->total);
    } while (got < 0 && errno == EINTR);
    if (got <= 0) {
        // As stdio's source does: the data ended (or could not be read) before the image did, which the guard
        // counts as a premature end; a fake end marker lets libjpeg finish with grey.
        WARNMS(cinfo, JWRN_JPEG_EOF);
        src->buffer[0] = (JOCTET)0xFF;
        src->buffer[1] = (JOCTET)JPEG_EOI;
        got = 2;
    } else {
        src->total += (unsigned long)got;
    }
    src->pub.next_input_byte = src->buffer;
    src->pub.bytes_in_buffer = (size_t)got;
    return TRUE;
}

static void block_skip_input_data(j_decompress_ptr cinfo, long count) {
    struct jpeg_source_mgr *src = cinfo->src;
    if (count <= 0) return;
    while (count > (long)src->bytes_in_buffer) {
        count -= (long)src->bytes_in_buffer;
        (void)(*src->fill_input_buffer)(cinfo);
    }
    src->next_input_byte += (size_t)count;
    src->bytes_in_buffer -= (size_t)count;
}

static void block_term_source(j_decompress_ptr cinfo) {
    (void)cinfo;
}

// Memory from libjpeg's permanent pool: freed with the decompressor, also after a longjmp.
static block_source_mgr *block_source(j_decompress_ptr cinfo, int fd) {
    block_source_mgr *src = (block_source_mgr *)(*cinfo->mem->alloc_small)(
        (j_common_ptr)cinfo, JPOOL_PERMANENT, sizeof(block_source_mgr));
    src->buffer = (JOCTET *)(*cinfo->mem->alloc_large)((j_common_ptr)cinfo, JPOOL_PERMANENT, SAMPLE_READ_BLOCK);
    src->fd = fd;
    src->total = 0;
    src->pub.init_source = block_init_source;
    src->pub.fill_input_buffer = block_fill_input_buffer;
    src->pub.skip_input_data = block_skip_input_data;
    src->pub.resync_to_restart = jpeg_resync_to_restart;
    src->pub.term_source = block_term_source;
    src->pub.bytes_in_buffer = 0;
    src->pub.next_input_byte = NULL;
    cinfo->src = &src->pub;
    return src;
}

// The checks before a submit judge sharpness and exposure from the top of a photo: libjpeg's DCT scaling
// saves the inverse DCT but not the Huffman decoding of every coefficient, which is most of a decode's cost,
// so a bounded read is the only cheap one. Reads `fd` from its start, 64 KiB at a time, and stops once
// rows worth `min_sample_rows` at `sample_width` are out and `max_bytes` of the file were read (or the image ended).
int inspekt_jpeg_sample_grey(int fd, int sample_width, int min_sample_rows, unsigned long max_bytes,
                             unsigned long max_pixels, inspekt_jpeg_image *image) {
    struct jpeg_decompress_struct cinfo;
    guarded_error_mgr err;
    unsigned char *volatile pixels = NULL;
    block_source_mgr *volatile src = NULL;

    memset(image, 0, sizeof(*image));
    install_guard(&err, image->message);
    cinfo.err = &err.base;
    if (setjmp(err.jump)) {
        free(pixels);
        jpeg_destroy_decompress(&cinfo);
        image->rgb = NULL;
        return 1;
    }
    jpeg_create_decompress(&cinfo);
    // From the file's start, whatever was read of it before (pread: the descriptor's offset is not moved).
    src = block_source(&cinfo, fd);
    jpeg_read_header(&cinfo, TRUE);
    image->image_width = (int)cinfo.image_width;
    image->image_height = (int)cinfo.image_height;
    // A small file may declare 65,535 × 65,535 pixels: its size is all that is told.
    if ((unsigned long)cinfo.image_width * cinfo.image_height > max_pixels) {
        image->bytes_read = src->total - cinfo.src->bytes_in_buffer;
        jpeg_destroy_decompress(&cinfo);
        return 0;
    }
    // The largest DCT scaling that keeps the rows at least `sample_width` wide.
    unsigned int denom = 1;
    for (unsigned int d = 8; d >= 2; d /= 2) {
        if (sample_width > 0 && cinfo.image_width / d >= (unsigned int)sample_width) {
            denom = d;
            break;
        }
    }
    cinfo.scale_num = 1;
    cinfo.scale_denom = denom;
    // Luma only: no chroma upsampling or colour conversion (the chroma is still entropy-decoded).
    cinfo.out_color_space = JCS_GRAYSCALE;
    cinfo.dct_method = JDCT_IFAST;
    jpeg_start_decompress(&cinfo);

    size_t stride = (size_t)cinfo.output_width;
    pixels = malloc(stride * cinfo.output_height);
    if (pixels == NULL) {
        snprintf(image->message, INSPEKT_JPEG_MESSAGE_LENGTH, "out of memory");
        jpeg_destroy_decompress(&cinfo);
        return 2;
    }
    // The rows that, brought down to `sample_width`, make `min_sample_rows`.
    unsigned long min_rows = (unsigned long)min_sample_rows;
    if (sample_width > 0 && cinfo.output_width > (unsigned int)sample_width) {
        min_rows = (min_rows * cinfo.output_width + sample_width - 1) / sample_width;
    }
    while (cinfo.output_scanline < cinfo.output_height) {
        JSAMPROW row = pixels + stride * cinfo.output_scanline;
        jpeg_read_scanlines(&cinfo, &row, 1);
        if (err.premature_end) break;
        unsigned long taken = src->total - cinfo.src->bytes_in_buffer;
        if (cinfo.output_scanline >= min_rows && taken >= max_bytes) break;
    }
    image->width = (int)cinfo.output_width;
    image->height = (int)cinfo.output_scanline;
    image->whole = cinfo.output_scanline >= cinfo.output_height;
    image->bytes_read = src->total - cinfo.src->bytes_in_buffer;
    image->warnings = (int)err.base.num_warnings;
    image->premature_end = err.premature_end;
    // Abort, not finish: finishing would read the rest of the file.
    jpeg_abort_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    image->rgb = pixels;
    return 0;
}

void inspekt_jpeg_free(inspekt_jpeg_image *image) {
    free(image->rgb);
    image->rgb = NULL;
}

int inspekt_jpeg_encode(const unsigned char *rgb, int width, int height, int quality,
                        unsigned char **output, unsigned long *output_size, char *message) {
    struct jpeg_compress_struct cinfo;
    guarded_error_mgr err;

    *output = NULL;
    *output_size = 0;
    if (message) message[0] = 0;
    install_guard(&err, message);
    cinfo.err = &err.base;
    if (setjmp(err.jump)) {
        jpeg_destroy_compress(&cinfo);
        free(*output);
        *output = NULL;
        *output_size = 0;
        return 1;
    }
    jpeg_create_compress(&cinfo);
    jpeg_mem_dest(&cinfo, output, output_size);
    cinfo.image_width = (JDIMENSION)width;
    cinfo.image_height = (JDIMENSION)height;
    cinfo.input_components = 3;
    cinfo.in_color_space = JCS_RGB;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, quality, TRUE);
    jpeg_start_compress(&cinfo, TRUE);
    size_t stride = (size_t)width * 3;
    while (cinfo.next_scanline < cinfo.image_height) {
        JSAMPROW row = (JSAMPROW)(rgb + stride * cinfo.next_scanline);
        jpeg_write_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    return 0;
}
