/*
 * Checks the rv_clip C interface from plain C: a square with a hole (areas by
 * hand), a mitred offset of a square, and the error path. Exits non-zero on
 * the first failed check.
 */
#include "rv_clip.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;

static void check(int condition, const char* description) {
    if (!condition) {
        fprintf(stderr, "FAILED: %s (last error: '%s')\n", description, rv_clip_last_error());
        ++failures;
    }
}

/* Copies set 0 of result and returns the sum of its signed areas. */
static double result_area(const rv_clip_result* result, int32_t* out_path_count) {
    int32_t paths = rv_clip_result_path_count(result, 0);
    int64_t points = rv_clip_result_point_count(result, 0);
    int64_t* xy = malloc(sizeof(int64_t) * (size_t)(points * 2 + 1));
    int32_t* counts = malloc(sizeof(int32_t) * (size_t)(paths + 1));
    double total = NAN;
    if (rv_clip_result_copy_set(result, 0, xy, points * 2, counts, paths) == RV_CLIP_OK) {
        rv_clip_area(xy, counts, paths, NULL, &total);
    }
    free(xy);
    free(counts);
    *out_path_count = paths;
    return total;
}

/* Outer square 0..100 counter-clockwise, hole 30..70 clockwise: area 100^2 - 40^2 = 8400. */
static const int64_t square_with_hole_xy[] = {
    0, 0, 100, 0, 100, 100, 0, 100,
    30, 30, 30, 70, 70, 70, 70, 30,
};
static const int32_t square_with_hole_counts[] = {4, 4};

static void test_area(void) {
    double areas[2];
    double total = 0;
    check(rv_clip_area(square_with_hole_xy, square_with_hole_counts, 2, areas, &total) == RV_CLIP_OK, "area succeeds");
    check(areas[0] == 10000.0, "outer square area is 100 * 100");
    check(areas[1] == -1600.0, "clockwise hole area is -(40 * 40)");
    check(total == 8400.0, "total area is 10000 - 1600");
}

static void test_union_keeps_hole(void) {
    rv_clip_result* result = NULL;
    int32_t paths = 0;
    check(rv_clip_boolean(RV_CLIP_OP_UNION, square_with_hole_xy, square_with_hole_counts, 2, RV_CLIP_FILL_NON_ZERO,
              NULL, NULL, 0, RV_CLIP_FILL_NON_ZERO, &result) == RV_CLIP_OK,
        "union succeeds");
    check(rv_clip_result_set_count(result) == 1, "union returns one set");
    check(result_area(result, &paths) == 8400.0, "union area is 10000 - 1600");
    check(paths == 2, "union returns the outer contour and the hole");
    rv_clip_result_free(result);
}

static void test_difference_cuts_hole(void) {
    /* The hole as a counter-clockwise square subtracted from the outer square. */
    static const int64_t outer_xy[] = {0, 0, 100, 0, 100, 100, 0, 100};
    static const int64_t inner_xy[] = {30, 30, 70, 30, 70, 70, 30, 70};
    static const int32_t one_square[] = {4};
    rv_clip_result* result = NULL;
    int32_t paths = 0;
    check(rv_clip_boolean(RV_CLIP_OP_DIFFERENCE, outer_xy, one_square, 1, RV_CLIP_FILL_NON_ZERO, inner_xy, one_square,
              1, RV_CLIP_FILL_NON_ZERO, &result) == RV_CLIP_OK,
        "difference succeeds");
    check(result_area(result, &paths) == 8400.0, "difference area is 10000 - 1600");
    rv_clip_result_free(result);
}

static void test_tree_marks_hole(void) {
    rv_clip_result* result = NULL;
    int32_t parents[2] = {-2, -2};
    int32_t holes[2] = {-1, -1};
    check(rv_clip_union_tree(square_with_hole_xy, square_with_hole_counts, 2, RV_CLIP_FILL_NON_ZERO, &result) ==
              RV_CLIP_OK,
        "union tree succeeds");
    check(rv_clip_result_has_tree(result) == 1, "union tree result carries nesting");
    check(rv_clip_result_path_count(result, 0) == 2, "union tree has two paths");
    check(rv_clip_result_copy_tree(result, 0, parents, holes, 2) == RV_CLIP_OK, "copy tree succeeds");
    check(parents[0] == -1 && holes[0] == 0, "first path is a top-level outer contour");
    check(parents[1] == 0 && holes[1] == 1, "second path is a hole inside the first");
    rv_clip_result_free(result);
}

static void test_offset_miter(void) {
    /* A 100 x 100 square grown by 10 with mitred corners is a 120 x 120 square. */
    static const int64_t square_xy[] = {0, 0, 100, 0, 100, 100, 0, 100};
    static const int32_t one_square[] = {4};
    const double deltas[] = {10.0, -20.0};
    rv_clip_result* result = NULL;
    int32_t paths = 0;
    check(rv_clip_offset(square_xy, one_square, 1, 10.0, RV_CLIP_JOIN_MITER, RV_CLIP_END_POLYGON, 2.0, 0.25,
              &result) == RV_CLIP_OK,
        "offset succeeds");
    check(result_area(result, &paths) == 14400.0, "mitred offset area is 120 * 120");
    check(paths == 1, "offset returns one contour");
    rv_clip_result_free(result);

    result = NULL;
    check(rv_clip_offset_many(square_xy, one_square, 1, deltas, 2, RV_CLIP_JOIN_MITER, RV_CLIP_END_POLYGON, 2.0, 0.25,
              &result) == RV_CLIP_OK,
        "offset_many succeeds");
    check(rv_clip_result_set_count(result) == 2, "offset_many returns one set per delta");
    check(rv_clip_result_path_count(result, 0) == 1, "grown square is one contour");
    check(rv_clip_result_point_count(result, 0) == 4, "grown square has four corners");
    check(rv_clip_result_point_count(result, 1) == 4, "shrunk square has four corners");
    rv_clip_result_free(result);
}

static void test_errors(void) {
    static const int64_t huge_xy[] = {0, 0, INT64_MAX, 0, 0, 10};
    static const int32_t triangle[] = {3};
    rv_clip_result* result = (rv_clip_result*)&result; /* Must be reset to NULL on failure. */
    int64_t small[2];
    int32_t small_counts[1];

    check(rv_clip_boolean(RV_CLIP_OP_UNION, huge_xy, triangle, 1, RV_CLIP_FILL_NON_ZERO, NULL, NULL, 0,
              RV_CLIP_FILL_NON_ZERO, &result) == RV_CLIP_ERROR_OUT_OF_RANGE,
        "coordinate beyond the range is rejected");
    check(result == NULL, "failed call sets the result to NULL");
    check(strstr(rv_clip_last_error(), "9223372036854775807") != NULL, "message names the coordinate");

    check(rv_clip_simplify(huge_xy, triangle, 1, 42, &result) == RV_CLIP_ERROR_INVALID_ARGUMENT,
        "unknown fill rule is rejected");
    check(rv_clip_area(NULL, triangle, 1, NULL, NULL) == RV_CLIP_ERROR_INVALID_ARGUMENT, "NULL xy is rejected");
    check(rv_clip_area(NULL, NULL, 0, NULL, NULL) == RV_CLIP_OK, "empty batch is accepted");
    check(rv_clip_boolean(RV_CLIP_OP_UNION, NULL, NULL, 0, RV_CLIP_FILL_NON_ZERO, NULL, NULL, 0, RV_CLIP_FILL_NON_ZERO,
              &result) == RV_CLIP_OK,
        "union of nothing succeeds");
    check(rv_clip_result_path_count(result, 0) == 0, "union of nothing is empty");
    rv_clip_result_free(result);
    check(rv_clip_last_error()[0] == '\0', "success clears the message");

    check(rv_clip_offset(square_with_hole_xy, square_with_hole_counts, 2, 5.0, RV_CLIP_JOIN_ROUND,
              RV_CLIP_END_POLYGON, 2.0, 0.25, &result) == RV_CLIP_OK,
        "round offset succeeds");
    check(rv_clip_result_copy_set(result, 0, small, 2, small_counts, 1) == RV_CLIP_ERROR_BUFFER_TOO_SMALL,
        "too small buffers are rejected");
    check(rv_clip_result_copy_set(result, 3, small, 2, small_counts, 1) == RV_CLIP_ERROR_INVALID_ARGUMENT,
        "unknown set index is rejected");
    check(rv_clip_result_copy_tree(result, 0, small_counts, small_counts, 1) == RV_CLIP_ERROR_INVALID_ARGUMENT,
        "nesting of a non-tree result is rejected");
    rv_clip_result_free(result);
    rv_clip_result_free(NULL);
}

int main(void) {
    check(rv_clip_abi_version() == RV_CLIP_ABI_VERSION, "library and header versions match");
    test_area();
    test_union_keeps_hole();
    test_difference_cuts_hole();
    test_tree_marks_hole();
    test_offset_miter();
    test_errors();
    if (failures > 0) {
        fprintf(stderr, "%d checks failed\n", failures);
        return 1;
    }
    printf("all rv_clip checks passed\n");
    return 0;
}
