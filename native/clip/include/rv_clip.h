/*
 * rv_clip.h: C interface of the RealVision polygon-clipping shim (librvclip).
 *
 * The shim wraps a polygon-clipping library (currently Clipper 6.4.2) behind
 * plain integers, doubles and one opaque handle, so callers never see the
 * library's own types and a later move to another library changes only the
 * implementation.
 *
 * Units and conventions
 *   Coordinates are signed 64-bit integers (RealVision uses micrometres).
 *   Their absolute value must not exceed RV_CLIP_MAX_COORD. In the results of
 *   boolean operations, offsets, unions and simplification, outer contours
 *   have a positive signed area (counter-clockwise when the y axis points up)
 *   and holes a negative one.
 *
 * Path batches
 *   Every call takes a whole set of paths at once as two arrays:
 *     xy      x0, y0, x1, y1, ... for all points of all paths, path after path;
 *     counts  the number of points of each path (path_count entries).
 *   xy therefore holds 2 * (counts[0] + ... + counts[path_count - 1]) values.
 *   Either pointer may be NULL when path_count is 0. A path with a count of 0
 *   is allowed and contributes nothing.
 *
 * Results
 *   Operations that produce paths store them in an rv_clip_result, which the
 *   caller owns and must release with rv_clip_result_free. A result holds one
 *   or more path sets: most operations produce one set, rv_clip_offset_many
 *   produces one set per delta. Read a set by asking for its sizes and then
 *   copying it into caller-owned buffers.
 *
 * Errors
 *   Every function that can fail returns an rv_clip_status. On failure the
 *   output handle is set to NULL and rv_clip_last_error() returns a message
 *   that describes the failure. No C++ exception ever leaves the library.
 *
 * Threads
 *   Calls share no state apart from the thread-local error message, so any
 *   number of threads may call the library at once. A single rv_clip_result
 *   may be read from several threads but freed only once.
 */
#ifndef RV_CLIP_H
#define RV_CLIP_H

#include <stdint.h>

#if defined(_WIN32)
#  if defined(RV_CLIP_BUILDING)
#    define RV_CLIP_API __declspec(dllexport)
#  else
#    define RV_CLIP_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__)
#  define RV_CLIP_API __attribute__((visibility("default")))
#else
#  define RV_CLIP_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Version of this interface; it changes when a signature or a constant changes. */
#define RV_CLIP_ABI_VERSION 1

/* Largest accepted absolute coordinate value: 2^62 - 1 (about 4.6e18), Clipper 6's full range. */
#define RV_CLIP_MAX_COORD INT64_C(0x3FFFFFFFFFFFFFFF)

/* Status codes returned by the functions below. */
typedef int32_t rv_clip_status;
#define RV_CLIP_OK 0
#define RV_CLIP_ERROR_INVALID_ARGUMENT 1 /* NULL pointer, negative count, unknown enum value, NaN */
#define RV_CLIP_ERROR_OUT_OF_RANGE 2     /* a coordinate (or an offset of it) beyond RV_CLIP_MAX_COORD */
#define RV_CLIP_ERROR_CLIPPING_FAILED 3  /* the clipping library reported a failure */
#define RV_CLIP_ERROR_OUT_OF_MEMORY 4
#define RV_CLIP_ERROR_BUFFER_TOO_SMALL 5 /* a caller buffer is smaller than the data to copy */
#define RV_CLIP_ERROR_INTERNAL 6         /* any other failure inside the library */

/* Boolean operations. */
#define RV_CLIP_OP_INTERSECTION 0
#define RV_CLIP_OP_UNION 1
#define RV_CLIP_OP_DIFFERENCE 2
#define RV_CLIP_OP_XOR 3

/* Fill rules: which winding numbers count as inside. */
#define RV_CLIP_FILL_EVEN_ODD 0
#define RV_CLIP_FILL_NON_ZERO 1
#define RV_CLIP_FILL_POSITIVE 2
#define RV_CLIP_FILL_NEGATIVE 3

/* Offset joins at convex corners. */
#define RV_CLIP_JOIN_SQUARE 0
#define RV_CLIP_JOIN_ROUND 1
#define RV_CLIP_JOIN_MITER 2

/* Offset end types: closed polygons, closed lines (both sides offset), or open lines with end caps. */
#define RV_CLIP_END_POLYGON 0
#define RV_CLIP_END_OPEN_BUTT 1
#define RV_CLIP_END_OPEN_SQUARE 2
#define RV_CLIP_END_OPEN_ROUND 3
#define RV_CLIP_END_CLOSED_LINE 4

/* Opaque result: path sets, and for tree results the nesting of each path. */
typedef struct rv_clip_result rv_clip_result;

/* Returns RV_CLIP_ABI_VERSION of the library that is loaded. */
RV_CLIP_API int32_t rv_clip_abi_version(void);

/*
 * Returns the message of the last failed call on the calling thread, or an
 * empty string when the last call succeeded. Every call that returns a status
 * resets it. The string belongs to the library and stays valid until the next
 * call on the same thread.
 */
RV_CLIP_API const char* rv_clip_last_error(void);

/*
 * Computes a boolean operation between closed subject and clip polygons.
 * subject_fill and clip_fill are RV_CLIP_FILL_* values. The result has one set
 * with outer contours of positive area and holes of negative area.
 */
RV_CLIP_API rv_clip_status rv_clip_boolean(
    int32_t op,
    const int64_t* subject_xy, const int32_t* subject_counts, int32_t subject_path_count, int32_t subject_fill,
    const int64_t* clip_xy, const int32_t* clip_counts, int32_t clip_path_count, int32_t clip_fill,
    rv_clip_result** out_result);

/*
 * Clips open polylines (the subject) by closed clip polygons. op must be
 * RV_CLIP_OP_INTERSECTION, which keeps the pieces of the lines inside the clip
 * region, or RV_CLIP_OP_DIFFERENCE, which keeps the pieces outside it. The
 * result has one set of open paths.
 */
RV_CLIP_API rv_clip_status rv_clip_boolean_open(
    int32_t op,
    const int64_t* line_xy, const int32_t* line_counts, int32_t line_path_count, int32_t line_fill,
    const int64_t* clip_xy, const int32_t* clip_counts, int32_t clip_path_count, int32_t clip_fill,
    rv_clip_result** out_result);

/*
 * Offsets paths by delta (same unit as the coordinates; negative shrinks
 * closed polygons). join is an RV_CLIP_JOIN_* value and end an RV_CLIP_END_*
 * value. miter_limit is the largest miter length in multiples of |delta|
 * (values below 2 act as 2). arc_tolerance is the largest distance between a
 * round arc and its polygon approximation, in coordinate units; 0 or less
 * selects 0.25, and values above |delta| / 4 are reduced to |delta| / 4.
 * The result has one set.
 */
RV_CLIP_API rv_clip_status rv_clip_offset(
    const int64_t* xy, const int32_t* counts, int32_t path_count,
    double delta, int32_t join, int32_t end, double miter_limit, double arc_tolerance,
    rv_clip_result** out_result);

/*
 * Offsets the same paths by each of delta_count deltas in one call. Set i of
 * the result belongs to deltas[i]; the other parameters are as for
 * rv_clip_offset.
 */
RV_CLIP_API rv_clip_status rv_clip_offset_many(
    const int64_t* xy, const int32_t* counts, int32_t path_count,
    const double* deltas, int32_t delta_count,
    int32_t join, int32_t end, double miter_limit, double arc_tolerance,
    rv_clip_result** out_result);

/*
 * Unions closed polygons and keeps their nesting. The result has one set in
 * depth-first order, so a parent always comes before its children; read the
 * nesting with rv_clip_result_copy_tree.
 */
RV_CLIP_API rv_clip_status rv_clip_union_tree(
    const int64_t* xy, const int32_t* counts, int32_t path_count, int32_t fill,
    rv_clip_result** out_result);

/* Removes self-intersections by a union under the given fill rule; the result has one set. */
RV_CLIP_API rv_clip_status rv_clip_simplify(
    const int64_t* xy, const int32_t* counts, int32_t path_count, int32_t fill,
    rv_clip_result** out_result);

/*
 * Removes vertices that lie within distance of an adjacent vertex, of a
 * vertex one further along, or of the segment between their neighbours.
 * Paths reduced below 3 points come back empty (count 0), so the set keeps
 * one path per input path.
 */
RV_CLIP_API rv_clip_status rv_clip_clean(
    const int64_t* xy, const int32_t* counts, int32_t path_count, double distance,
    rv_clip_result** out_result);

/*
 * Computes signed areas (positive for counter-clockwise paths when y points
 * up; paths with fewer than 3 points have area 0). out_areas, when not NULL,
 * receives path_count values; out_total, when not NULL, receives their sum.
 */
RV_CLIP_API rv_clip_status rv_clip_area(
    const int64_t* xy, const int32_t* counts, int32_t path_count,
    double* out_areas, double* out_total);

/* Returns the number of path sets in result (0 for a NULL result). */
RV_CLIP_API int32_t rv_clip_result_set_count(const rv_clip_result* result);

/* Returns the number of paths in set, or -1 when result is NULL or set is out of range. */
RV_CLIP_API int32_t rv_clip_result_path_count(const rv_clip_result* result, int32_t set);

/* Returns the number of points over all paths of set, or -1 when result is NULL or set is out of range. */
RV_CLIP_API int64_t rv_clip_result_point_count(const rv_clip_result* result, int32_t set);

/*
 * Copies set into caller buffers in the batch layout described above:
 * xy receives 2 * point_count values and counts receives path_count values.
 * xy_capacity and counts_capacity give the buffer sizes in elements.
 */
RV_CLIP_API rv_clip_status rv_clip_result_copy_set(
    const rv_clip_result* result, int32_t set,
    int64_t* xy, int64_t xy_capacity,
    int32_t* counts, int32_t counts_capacity);

/* Returns 1 when result came from rv_clip_union_tree and carries nesting, otherwise 0. */
RV_CLIP_API int32_t rv_clip_result_has_tree(const rv_clip_result* result);

/*
 * Copies the nesting of set: parents[i] is the index of the path that
 * directly encloses path i (-1 for a top-level outer contour), and is_hole[i]
 * is 1 for a hole and 0 for an outer contour. Both buffers need path_count
 * entries; capacity gives their size. Fails for results without a tree.
 */
RV_CLIP_API rv_clip_status rv_clip_result_copy_tree(
    const rv_clip_result* result, int32_t set,
    int32_t* parents, int32_t* is_hole, int32_t capacity);

/* Releases result; NULL is ignored. */
RV_CLIP_API void rv_clip_result_free(rv_clip_result* result);

#ifdef __cplusplus
}
#endif

#endif /* RV_CLIP_H */
