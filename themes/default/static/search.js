/* Search: written by the search feature (issue 7). */
