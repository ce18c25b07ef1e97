package link

import (
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// Meta keys of the message interfaces, COSMOS's own names (docs/c3link-guide.md).
const (
	ExtraHTTPMethod      = "HTTP_METHOD"
	ExtraHTTPPath        = "HTTP_PATH"
	ExtraHTTPURI         = "HTTP_URI"
	ExtraHTTPQueries     = "HTTP_QUERIES"
	ExtraHTTPHeaders     = "HTTP_HEADERS"
	ExtraHTTPStatus      = "HTTP_STATUS"
	ExtraHTTPRequest     = "HTTP_REQUEST"
	ExtraHTTPPacket      = "HTTP_PACKET"
	ExtraHTTPErrorPacket = "HTTP_ERROR_PACKET"
	ExtraTopic           = "TOPIC"
	ExtraTopics          = "TOPICS"
)

// extraString reads a text value of extra (numbers are accepted and
// printed, as COSMOS would stringify them).
func extraString(extra map[string]any, key string) (string, bool, error) {
	v, ok := extra[key]
	if !ok || v == nil {
		return "", false, nil
	}
	s, err := scalarString(v)
	if err != nil {
		return "", false, fmt.Errorf("extra.%s: %v", key, err)
	}
	return s, true, nil
}

func scalarString(v any) (string, error) {
	switch x := v.(type) {
	case string:
		return x, nil
	case bool:
		return strconv.FormatBool(x), nil
	case uint64, int64, int, uint, uint32, int32, uint16, int16, uint8, int8:
		return fmt.Sprint(x), nil
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64), nil
	}
	return "", fmt.Errorf("want text, got %T", v)
}

// extraStrings reads a map of strings (HTTP_QUERIES, HTTP_HEADERS) as
// name -> values: a value may be text (or a number) or a list of them
// (a repeated query parameter or header).
func extraStrings(extra map[string]any, key string) (map[string][]string, error) {
	v, ok := extra[key]
	if !ok || v == nil {
		return nil, nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("extra.%s must be a map of strings, not %T", key, v)
	}
	out := make(map[string][]string, len(m))
	for k, val := range m {
		if list, ok := val.([]any); ok {
			for _, el := range list {
				s, err := scalarString(el)
				if err != nil {
					return nil, fmt.Errorf("extra.%s.%s: %v", key, k, err)
				}
				out[k] = append(out[k], s)
			}
			continue
		}
		s, err := scalarString(val)
		if err != nil {
			return nil, fmt.Errorf("extra.%s.%s: %v", key, k, err)
		}
		out[k] = []string{s}
	}
	return out, nil
}

// headerMap is HTTP_HEADERS as COSMOS hands them on: lower-case names, a
// header sent several times joined with ", " (RFC 9110 5.3).
func headerMap(h http.Header) map[string]any {
	m := make(map[string]any, len(h))
	for k, vs := range h {
		m[strings.ToLower(k)] = strings.Join(vs, ", ")
	}
	return m
}

// queryMap is HTTP_QUERIES, decoded: one value as text, a repeated
// parameter as a list in the order given.
func queryMap(q url.Values) map[string]any {
	m := make(map[string]any, len(q))
	for k, vs := range q {
		if len(vs) == 1 {
			m[k] = vs[0]
			continue
		}
		list := make([]any, len(vs))
		for i, v := range vs {
			list[i] = v
		}
		m[k] = list
	}
	return m
}

// valuesMap turns name -> values back into meta form (HTTP_REQUEST).
func valuesMap(v map[string][]string) map[string]any {
	return queryMap(url.Values(v))
}

// sortedKeys gives map keys in a stable order for diagnostics.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
