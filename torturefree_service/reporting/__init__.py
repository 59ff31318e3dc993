"""Line-level truth for reports: the service's work as rows of torturefree.records' store."""
